package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Retransforms loaded classes in small batches, yielding between them, so that a running
 * application never stalls long on one safepoint; a batch that fails is retried class by class,
 * so one class that cannot be retransformed costs only itself.
 */
final class Retransformation {

  private static final Logger log = AgentLog.get(Retransformation.class);
  private static final int BATCH = 50;

  private Retransformation() {}

  /** Retransforms {@code classes}; returns the names of those that could not be retransformed. */
  static List<String> inBatches(Instrumentation inst, List<Class<?>> classes) {
    List<String> failed = new ArrayList<>();
    for (int from = 0; from < classes.size(); from += BATCH) {
      List<Class<?>> batch = classes.subList(from, Math.min(from + BATCH, classes.size()));
      try {
        inst.retransformClasses(batch.toArray(Class<?>[]::new));
      } catch (Throwable batchFailed) {
        for (Class<?> type : batch) {
          try {
            inst.retransformClasses(type);
          } catch (Throwable t) {
            failed.add(type.getName());
            log.warn("could not retransform {}; it keeps its current instrumentation: {}", type.getName(),
                t.toString());
          }
        }
      }
      Thread.yield();
    }
    return failed;
  }
}
