package dev.herald.agent.instrument;

import dev.herald.agent.config.ContextSettings;
import dev.herald.api.EventContext;
import java.lang.reflect.Method;

/**
 * Reads actor, user id and trace id from the application's own SLF4J MDC, as seen from one class
 * loader, for the keys the config names under {@code context.mdc}.
 *
 * <p>The agent's SLF4J is relocated and separate; the application's is reached reflectively, so
 * the agent never links against it. Values set through {@link EventContext} win over the MDC.
 */
final class MdcAccess {

  static final MdcAccess NONE = new MdcAccess(null, null, null, null);

  private final Method get;
  private final String actorKey;
  private final String userIdKey;
  private final String traceIdKey;

  private MdcAccess(Method get, String actorKey, String userIdKey, String traceIdKey) {
    this.get = get;
    this.actorKey = actorKey;
    this.userIdKey = userIdKey;
    this.traceIdKey = traceIdKey;
  }

  static MdcAccess forLoader(ClassLoader loader, ContextSettings settings) {
    if (loader == null || settings == null
        || settings.actorKey() == null && settings.userIdKey() == null && settings.traceIdKey() == null) {
      return NONE;
    }
    try {
      // Built at run time: the build relocates string constants that look like org.slf4j names.
      String mdcClass = String.join(".", "org", "slf4j", "MDC");
      Method get = Class.forName(mdcClass, false, loader).getMethod("get", String.class);
      return new MdcAccess(get, settings.actorKey(), settings.userIdKey(), settings.traceIdKey());
    } catch (Throwable noSlf4j) {
      return NONE;
    }
  }

  /** {@code context}, with its missing values filled from the MDC of the calling thread. */
  EventContext complete(EventContext context) {
    if (get == null) {
      return context;
    }
    String actor = context.actor() != null ? context.actor() : read(actorKey);
    String userId = context.userId() != null ? context.userId() : read(userIdKey);
    String traceId = context.traceId() != null ? context.traceId() : read(traceIdKey);
    if (actor == context.actor() && userId == context.userId() && traceId == context.traceId()) {
      return context;
    }
    return EventContext.of(actor, userId, traceId);
  }

  private String read(String key) {
    if (key == null) {
      return null;
    }
    try {
      Object value = get.invoke(null, key);
      return value == null ? null : value.toString();
    } catch (Throwable t) {
      return null;
    }
  }
}
