package dev.herald.agent.jmx;

import dev.herald.agent.config.ServiceEntry;

/** The {@link ServiceEntryMXBean} of one entry. */
final class ServiceEntryView implements ServiceEntryMXBean {

  private final ServiceEntry entry;
  private final LoadedServices loaded;
  private final ServiceCounters counters;

  /** @param counters null when the agent does not count calls */
  ServiceEntryView(ServiceEntry entry, LoadedServices loaded, ServiceCounters counters) {
    this.entry = entry;
    this.loaded = loaded;
    this.counters = counters;
  }

  @Override
  public int getIndex() {
    return entry.index();
  }

  @Override
  public String getClassPattern() {
    return entry.classPattern();
  }

  @Override
  public String getEntity() {
    return entry.entity();
  }

  @Override
  public boolean isEnabled() {
    return entry.enabled();
  }

  @Override
  public String[] getInstrumentedClasses() {
    return loaded.snapshot().classes().get(entry.index()).toArray(String[]::new);
  }

  @Override
  public String[] getInstrumentedMethods() {
    return loaded.snapshot().methods().get(entry.index()).toArray(String[]::new);
  }

  @Override
  public long getCallsSeen() {
    return counters == null ? -1 : counters.calls(entry);
  }
}
