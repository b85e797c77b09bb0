package dev.herald.agent.jmx;

/**
 * {@code dev.herald:type=Service,index=<n>}: one {@code services} entry, the loaded classes whose
 * calls emit with it, and how many calls it has seen.
 */
public interface ServiceEntryMXBean {

  int getIndex();

  /** The {@code class} value: a name or glob. */
  String getClassPattern();

  /** The {@code entity} value as configured: {@code auto} for an entry that derives it per class. */
  String getEntity();

  boolean isEnabled();

  /** Loaded classes tied to this entry (their nearest configured type is named by it). */
  String[] getInstrumentedClasses();

  /**
   * Their write methods and the events they emit, {@code Class.method(ParameterTypes) ->
   * entity.{before,after,failed}.operation} (the entity resolved for {@code entity: auto}), with
   * {@code  (from Declarer)} after one inherited from a supertype.
   */
  String[] getInstrumentedMethods();

  /** Calls of its write methods that emitted events since start; -1 if the agent does not count them. */
  long getCallsSeen();
}
