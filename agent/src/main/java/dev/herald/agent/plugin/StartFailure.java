package dev.herald.agent.plugin;

import dev.herald.agent.log.JdkModules;

/**
 * Describes a plugin's failed start in one line an operator can act on: the failure as the JVM
 * states it, where in the plugin it happened, and for a JDK class missing at run time, the module
 * to add. The full trace is logged at debug only: an ERROR line stays one line.
 */
final class StartFailure {

  // a cause chain longer than this is a loop or a wrapper of wrappers: the first frames tell enough
  private static final int MAX_CAUSES = 10;

  private StartFailure() {}

  /**
   * {@code java.lang.ClassCastException: ..., at com.acme.MetricsPlugin.start(MetricsPlugin.java:42)
   * (full trace at log level debug)}: the failure's own text (class and message, as before), the
   * first frame of a class loaded by {@code pluginLoader} (neither the JDK's nor Herald's), and for
   * a {@code NoClassDefFoundError} of a JDK class, which module holds it and how to add it.
   */
  static String describe(Throwable failure, ClassLoader pluginLoader) {
    StringBuilder text = new StringBuilder(failure.toString());
    String frame = firstPluginFrame(failure, pluginLoader == null ? null : pluginLoader.getName());
    if (frame != null) {
      text.append(", at ").append(frame);
    }
    String advice = JdkModules.adviceFor(failure);
    if (advice != null) {
      text.append("; ").append(advice);
    }
    return text.append(" (full trace at log level debug)").toString();
  }

  private static String firstPluginFrame(Throwable failure, String loaderName) {
    if (loaderName == null) {
      return null;
    }
    Throwable current = failure;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++, current = current.getCause()) {
      for (StackTraceElement element : current.getStackTrace()) {
        if (loaderName.equals(element.getClassLoaderName())) {
          return format(element);
        }
      }
    }
    return null;
  }

  // StackTraceElement.toString() leads with the loader's name, "herald-plugin:a.jar//": left out
  private static String format(StackTraceElement element) {
    String file = element.getFileName();
    String place = element.isNativeMethod() ? "Native Method"
        : file == null ? "Unknown Source"
        : element.getLineNumber() >= 0 ? file + ":" + element.getLineNumber() : file;
    return element.getClassName() + "." + element.getMethodName() + "(" + place + ")";
  }
}
