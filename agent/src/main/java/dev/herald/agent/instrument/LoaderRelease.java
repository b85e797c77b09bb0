package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;

/**
 * Runs a task after every garbage collection, told by the collectors' JMX notifications: the hot
 * path caches the class an instrumented method last ran for, strongly (a weak reference would add
 * a load and a barrier to every call), and this is when those caches are let go of, so that an
 * application server's undeployed web application is not kept by Herald. The task runs on the
 * JVM's notification thread: it must be short and must not throw.
 *
 * <p>Safe for concurrent use.
 */
final class LoaderRelease {

  private static final Logger log = AgentLog.get(LoaderRelease.class);
  /** {@code com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION}, without the import. */
  private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

  private LoaderRelease() {}

  static void afterEachCollection(Runnable task) {
    try {
      NotificationListener listener = new NotificationListener() {
        @Override
        public void handleNotification(Notification notification, Object handback) {
          if (GC_NOTIFICATION.equals(notification.getType())) {
            try {
              task.run();
            } catch (Throwable ignored) {
              // the JVM's notification thread carries on; the caches stay until the next collection
            }
          }
        }
      };
      int registered = 0;
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (collector instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          registered++;
        }
      }
      log.debug("instrumented methods let go of their cached classes after each collection of {} collectors", registered);
    } catch (Throwable t) {
      // without java.management (a jlink runtime, -m without it): the caches stay, as a loader's
      // classes stay referenced until the same methods run for another loader's class
      log.debug("cannot follow garbage collections; cached classes are kept until replaced", t);
    }
  }
}
