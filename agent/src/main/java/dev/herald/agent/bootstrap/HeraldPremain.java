package dev.herald.agent.bootstrap;

import java.io.File;
import java.io.FileInputStream;
import java.lang.instrument.Instrumentation;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent}, {@code agentmain} for attach,
 * and {@code main} for {@code java -jar herald-agent.jar ...}.
 *
 * <p>Do as little as possible here: this class is loaded by the system class loader before the
 * agent jar joins the bootstrap class path, so it refers to no other class of the agent except by
 * name, after that. Every {@code Throwable} is caught: the agent never stops the application from
 * starting.
 */
public final class HeraldPremain {

  private HeraldPremain() {}

  /**
   * Called by the JVM for {@code -javaagent:herald-agent.jar[=config]}. Does nothing but say so
   * when {@code -Dherald.enabled=false} or {@code HERALD_ENABLED=false}: operators turn the agent
   * off where the flag is baked into an image or {@code JAVA_TOOL_OPTIONS}, without a rebuild.
   */
  public static void premain(String args, Instrumentation inst) {
    if (switchedOff() || runsOwnCommandLine() || runsJdkTool()) {
      return;
    }
    start(args, inst, false);
  }

  /**
   * True if this JVM runs a tool of the JDK ({@code jcmd}, {@code jps}, {@code jshell} and the JVM
   * it runs snippets in, {@code javac}, {@code keytool}, {@code jar}: their main class is in a
   * module of the runtime image), or no main class at all ({@code java -version}), while Herald is given to every JVM
   * ({@code JAVA_TOOL_OPTIONS}): a container's health check running {@code jcmd} would otherwise pay
   * Herald's start, and its plugins', about half a second of CPU, and log lines and exit warnings
   * that are not the application's. Programs run from source ({@code java App.java}) have no main
   * module and are applications.
   */
  static boolean runsJdkTool() {
    try {
      String module = System.getProperty("jdk.module.main");
      if (module != null) {
        // the name alone would also take an application's own module named jdk.something
        return (module.startsWith("jdk.") || module.startsWith("java.")) && ofTheRuntimeImage(module);
      }
      String command = System.getProperty("sun.java.command");
      if (command == null) {
        // only the java launcher sets it; a program that embeds the JVM (JNI) has no command either
        return "SUN_STANDARD".equals(System.getProperty("sun.java.launcher"));
      }
      // a class of the JDK's own run from the class path: jshell's remote execution JVM
      // (jdk.jshell.execution.RemoteExecutionControl)
      int space = command.indexOf(' ');
      String main = space < 0 ? command : command.substring(0, space);
      int dot = main.lastIndexOf('.');
      if (dot > 0 && (main.startsWith("jdk.") || main.startsWith("sun.") || main.startsWith("com.sun."))) {
        String pkg = main.substring(0, dot);
        for (Module candidate : ModuleLayer.boot().modules()) {
          if (candidate.getPackages().contains(pkg)) {
            return ofTheRuntimeImage(candidate.getName());
          }
        }
      }
      return false;
    } catch (Throwable t) {
      return false; // not sure: start as usual
    }
  }

  /**
   * True if this JVM runs Herald's own command line ({@code java -jar herald-agent.jar check ...})
   * while Herald is given to every JVM ({@code JAVA_TOOL_OPTIONS=-javaagent:...}): the agent has
   * nothing to instrument there, and its plugins, log lines and exit warnings would only confuse.
   */
  private static boolean runsOwnCommandLine() {
    try {
      String command = System.getProperty("sun.java.command", "");
      // the jar's path may hold spaces, and the command line's arguments follow it after one
      int name = command.indexOf("herald-agent.jar");
      int space = command.indexOf(' ');
      String main = name >= 0 ? command.substring(0, name + "herald-agent.jar".length())
          : space < 0 ? command : command.substring(0, space);
      // the name first (a copy of Herald keeps it, see Boot-Class-Path): Spring Boot apps run a jar
      // too, and reading a large jar's manifest costs start-up time. Then the manifest, not the path:
      // another copy of the jar than the one given as the agent runs the same command line.
      if (!new File(main).getName().equals("herald-agent.jar")) {
        return false;
      }
      try (JarFile jar = new JarFile(main)) {
        return HeraldPremain.class.getName().equals(jar.getManifest().getMainAttributes().getValue("Main-Class"));
      }
    } catch (Throwable t) {
      return false; // not sure: start as usual
    }
  }

  /** True if {@code module} of the boot layer comes from the Java runtime's own image ({@code jrt:}). */
  private static boolean ofTheRuntimeImage(String module) {
    Optional<ResolvedModule> resolved = ModuleLayer.boot().configuration().findModule(module);
    Optional<URI> location = resolved.isPresent() ? resolved.get().reference().location() : Optional.empty();
    return location.isPresent() && "jrt".equals(location.get().getScheme());
  }

  /**
   * True when the kill switch says off; the system property wins over the environment, as for the
   * config file. A value other than true or false is told about and leaves Herald on: a typo must
   * not silently take away the audit trail.
   */
  static boolean switchedOff() {
    try {
      String property = System.getProperty("herald.enabled");
      String source = property != null ? "-Dherald.enabled" : "HERALD_ENABLED";
      String value = property != null ? property : System.getenv("HERALD_ENABLED");
      if (value == null || value.strip().equalsIgnoreCase("true")) {
        return false;
      }
      if (value.strip().equalsIgnoreCase("false")) {
        stderr("INFO", "Herald is switched off by " + source + "=" + value
            + "; the application runs without it (nothing instrumented, no plugins, Herald.bus() delivers nothing)");
        return true;
      }
      stderr("WARN", source + "='" + value + "' is not true or false; Herald starts as usual");
      return false;
    } catch (Throwable t) {
      return false; // a security manager refusing the read: start as if the switch were unset
    }
  }

  /**
   * Called by the JVM when Herald is attached to a running JVM. Never throws: the JVM would print
   * assertion failures into the application's log. The attaching side reads how the start went
   * from the system property {@code herald.agent} (see {@code AgentStarter}).
   */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** The command line: {@code java -jar herald-agent.jar check|attach|list ...}. */
  public static void main(String[] args) throws Exception {
    File jar = agentJar();
    // No bootstrap class path here: the agent's classes see the API through the jar on the class path.
    // With Herald also given as an agent (JAVA_TOOL_OPTIONS) this class came from the bootstrap class
    // path, whose loader does not see jdk.attach (attach, list): the application's loader does.
    ClassLoader own = HeraldPremain.class.getClassLoader();
    ClassLoader loader = new AgentClassLoader(jar, own != null ? own : ClassLoader.getSystemClassLoader());
    Class<?> cli = Class.forName("dev.herald.agent.cli.HeraldCli", true, loader);
    int status = (int) cli.getMethod("run", String[].class, File.class).invoke(null, args, jar);
    System.exit(status);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    try {
      File jar = agentJar();
      if (HeraldPremain.class.getClassLoader() != null && !onBootstrapPath()) {
        // The manifest's Boot-Class-Path did not apply (the jar was renamed, or Herald was attached):
        // append now. The JVM then warns that class data sharing is limited to boot classes. An
        // attach after a rejected one finds the jar there already: appending it again would open
        // it once more and make every class lookup that misses the JDK search it twice.
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      }
      // Loaded by the bootstrap loader from now on, so instrumented code in every loader shares it.
      Class<?> starter = Class.forName("dev.herald.agent.bootstrap.AgentStarter", true, null);
      starter
          .getMethod("start", String.class, Instrumentation.class, boolean.class, File.class)
          .invoke(null, args, inst, attached, jar);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
          ? t.getCause() : t;
      stderr("ERROR", "Herald did not start, the application runs without events: " + withRootCause(cause));
    }
  }

  /**
   * {@code failure}, followed by its innermost cause where it has one: an {@code
   * ExceptionInInitializerError} alone (a security manager refusing a class's static initialiser)
   * says nothing of what went wrong; its root cause names the refused permission.
   */
  static String withRootCause(Throwable failure) {
    Throwable root = failure;
    // bounded: a cause chain that loops must not hang the application's start
    for (int depth = 0; depth < 20 && root.getCause() != null && root.getCause() != root; depth++) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure + ", caused by " + root;
  }

  /**
   * Writes one line to standard error in the form of the agent's log ({@code 12:00:00.123 [herald]
   * INFO  ...}), for the few lines written before the log exists or without it. Not API.
   */
  public static void stderr(String level, String message) {
    java.time.LocalTime now = java.time.LocalTime.now();
    StringBuilder line = new StringBuilder(message.length() + 32);
    two(line, now.getHour()).append(':');
    two(line, now.getMinute()).append(':');
    two(line, now.getSecond()).append('.');
    int millis = now.getNano() / 1_000_000;
    line.append(millis < 100 ? "0" : "").append(millis < 10 ? "0" : "").append(millis);
    line.append(" [herald] ").append(level);
    for (int i = level.length(); i < 6; i++) {
      line.append(' ');
    }
    System.err.println(line.append(message));
  }

  private static StringBuilder two(StringBuilder line, int value) {
    return line.append(value < 10 ? "0" : "").append(value);
  }

  private static boolean onBootstrapPath() {
    try {
      Class.forName("dev.herald.agent.bootstrap.AgentStarter", false, null);
      return true;
    } catch (ClassNotFoundException notYet) {
      return false;
    }
  }

  private static File agentJar() throws Exception {
    if (HeraldPremain.class.getClassLoader() != null) {
      // On the system class path (the jar was renamed, or attached): its own code source.
      CodeSource source = HeraldPremain.class.getProtectionDomain().getCodeSource();
      if (source != null && "file".equals(source.getLocation().getProtocol())) {
        return new File(source.getLocation().toURI());
      }
    } else {
      File mapped = bootJarAsMapped();
      if (mapped != null) {
        return mapped;
      }
    }
    // Works wherever this class came from, bootstrap class path (no code source) included, but it
    // costs ~16 ms on the application's main thread: a resource outside the JDK's packages is
    // looked for in every JDK module first, and the bootstrap class path is opened a second time.
    String url = HeraldPremain.class.getResource("HeraldPremain.class").toString();
    if (!url.startsWith("jar:") || url.indexOf("!/") < 0) {
      throw new IllegalStateException("Herald must run from its jar, not from " + url);
    }
    return new File(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
  }

  /**
   * The jar the bootstrap loader took this class from, found among the files the JVM has mapped
   * (Linux): it maps the index of each jar on the bootstrap class path, and the manifest's {@code
   * Boot-Class-Path} names ours {@code herald-agent.jar}. Null unless exactly one such file is
   * mapped: no {@code /proc}, another JVM's way of reading jars, two Herald jars.
   */
  static File bootJarAsMapped() {
    String maps;
    try (FileInputStream in = new FileInputStream("/proc/self/maps")) {
      maps = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // bytes as chars, for the search
    } catch (Exception noProc) {
      return null;
    }
    // One search for the name, not a pass over every line: this runs in the interpreter.
    String suffix = "/herald-agent.jar\n";
    String found = null;
    for (int at = maps.indexOf(suffix); at >= 0; at = maps.indexOf(suffix, at + 1)) {
      int path = maps.indexOf('/', maps.lastIndexOf('\n', at) + 1); // nothing before the path has a slash
      String name = maps.substring(path, at + suffix.length() - 1);
      if (found != null && !found.equals(name)) {
        return null;
      }
      found = name;
    }
    if (found == null) {
      return null;
    }
    File jar = new File(new String(found.getBytes(StandardCharsets.ISO_8859_1), Charset.defaultCharset()));
    return jar.isFile() ? jar : null;
  }
}
