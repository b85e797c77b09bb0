package dev.herald.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
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

  /** Called by the JVM for {@code -javaagent:herald-agent.jar[=config]}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Called by the JVM when Herald is attached to a running JVM. */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** The command line: {@code java -jar herald-agent.jar check|attach|list ...}. */
  public static void main(String[] args) throws Exception {
    File jar = agentJar();
    // No bootstrap class path here: the agent's classes see the API through the jar on the class path.
    ClassLoader loader = new AgentClassLoader(jar, HeraldPremain.class.getClassLoader());
    Class<?> cli = Class.forName("dev.herald.agent.cli.HeraldCli", true, loader);
    int status = (int) cli.getMethod("run", String[].class, File.class).invoke(null, args, jar);
    System.exit(status);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    try {
      File jar = agentJar();
      if (HeraldPremain.class.getClassLoader() != null) {
        // The manifest's Boot-Class-Path did not apply (the jar was renamed, or Herald was attached):
        // append now. The JVM then warns that class data sharing is limited to boot classes.
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
      System.err.println("[herald] ERROR Herald did not start, the application runs without events: " + cause);
    }
  }

  private static File agentJar() throws Exception {
    // Works whether this class came from the system class path or, through Boot-Class-Path, from
    // the bootstrap loader, which has no code source.
    String url = HeraldPremain.class.getResource("HeraldPremain.class").toString();
    if (!url.startsWith("jar:") || url.indexOf("!/") < 0) {
      throw new IllegalStateException("Herald must run from its jar, not from " + url);
    }
    return new File(new java.net.URI(url.substring("jar:".length(), url.indexOf("!/"))));
  }
}
