package dev.herald.agent.instrument;

import dev.herald.agent.config.ServiceEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The configured {@code services} entries, and the rules that tie a class to one of them: its own
 * name first, then the nearest supertype whose name an entry matches (superclass before
 * interfaces at equal distance), the first matching entry winning. Generated {@code $$} classes
 * and JDK types never match by name.
 *
 * <p>Immutable and safe for concurrent use. Public for {@code check} and JMX, which apply the same
 * rules to class files and loaded classes; not API.
 */
public final class ServiceIndex {

  private final List<ServiceEntry> entries;

  public ServiceIndex(List<ServiceEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The first entry that names {@code className} itself, or null. */
  public ServiceEntry entryNaming(String className) {
    if (isGenerated(className) || isPlatform(className)) {
      return null;
    }
    for (ServiceEntry entry : entries) {
      if (entry.matchesClass(className)) {
        return entry;
      }
    }
    return null;
  }

  /** True if some entry maps {@code methodName} to an operation. */
  public boolean mapsMethod(String methodName) {
    for (ServiceEntry entry : entries) {
      if (entry.operationFor(methodName) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The nearest configured type of {@code start}, walking supertypes breadth first, or null.
   *
   * @param supertypes the direct superclass (first) and interfaces of a type
   */
  public <T> Match<T> nearest(T start, Function<T, String> name, Function<T, List<T>> supertypes) {
    Deque<T> level = new ArrayDeque<>();
    level.add(start);
    Set<String> seen = new HashSet<>();
    while (!level.isEmpty()) {
      List<T> next = new ArrayList<>();
      for (T type : level) {
        String typeName = name.apply(type);
        if (!seen.add(typeName) || isPlatform(typeName)) {
          continue;
        }
        ServiceEntry entry = entryNaming(typeName);
        if (entry != null) {
          return new Match<>(type, typeName, entry);
        }
        next.addAll(supertypes.apply(type));
      }
      level = new ArrayDeque<>(next);
    }
    return null;
  }

  /** A class generated at run time by CGLIB, Byte Buddy, Hibernate and the like: never instrumented. */
  public static boolean isGenerated(String className) {
    return className.contains("$$");
  }

  // the JDK's own javax packages (JDK 17 to 25); the others (javax.persistence, javax.servlet,
  // javax.inject ...) are libraries on the class path, instrumented like any other
  private static final String[] JDK_JAVAX = {"javax.accessibility.", "javax.annotation.processing.",
      "javax.crypto.", "javax.imageio.", "javax.lang.model.", "javax.management.", "javax.naming.",
      "javax.net.", "javax.print.", "javax.rmi.ssl.", "javax.script.", "javax.security.auth.",
      "javax.security.cert.", "javax.security.sasl.", "javax.smartcardio.", "javax.sound.", "javax.sql.",
      "javax.swing.", "javax.tools.", "javax.transaction.xa.", "javax.xml."};

  /**
   * JDK classes, Herald's and other Java agents' ({@link OtherAgents}): never configured, never walked. Dynamic proxies are not ({@code
   * jdk.proxyN.$ProxyN}, {@code com.sun.proxy.$ProxyN}): a proxy of a configured interface is
   * covered. The JDK's packages outside {@code java.}, {@code jdk.}, {@code sun.} and {@code
   * com.sun.} are listed, {@code javax.} ones too, since a supertype there was otherwise looked for
   * in every jar (a class extending SAX's {@code DefaultHandler}).
   */
  public static boolean isPlatform(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.") && isJdkJavax(className)
        || className.startsWith("jdk.") && !className.startsWith("jdk.proxy") // JDK 16+ proxies
        || className.startsWith("sun.")
        || className.startsWith("com.sun.") && !className.startsWith("com.sun.proxy.")
        || className.startsWith("org.xml.sax.")
        || className.startsWith("org.w3c.dom.")
        || className.startsWith("org.ietf.jgss.")
        || className.startsWith("org.jcp.xml.dsig.internal.")
        || className.startsWith("netscape.javascript.")
        || className.startsWith("dev.herald.api.")
        || className.startsWith("dev.herald.agent.")
        || OtherAgents.isAgentClass(className);
  }

  private static boolean isJdkJavax(String className) {
    for (String prefix : JDK_JAVAX) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the {@code class} of a services entry can name only {@link #isPlatform platform}
   * classes, which are never instrumented: an exact name of one, or a glob whose text before its
   * first wildcard lies within their packages ({@code java.util.*}).
   */
  public static boolean namesOnlyPlatform(String classPattern) {
    int wildcard = -1;
    for (int i = 0; i < classPattern.length() && wildcard < 0; i++) {
      char c = classPattern.charAt(i);
      wildcard = c == '*' || c == '?' ? i : -1;
    }
    if (wildcard < 0) {
      return isPlatform(classPattern);
    }
    String prefix = classPattern.substring(0, wildcard);
    // a glob that could reach the JDK's proxies (jdk.*) names a class Herald does instrument
    return isPlatform(prefix + "X") && !"jdk.proxy".startsWith(prefix) && !"com.sun.proxy.".startsWith(prefix);
  }

  /**
   * Why {@code entry} can never emit, if it {@linkplain #namesOnlyPlatform names only platform
   * classes}: {@code "names a class of the JDK (or of Herald or another Java agent), which Herald
   * never instruments"},
   * for messages that put the entry's name and place before it; null if it names others too.
   */
  public static String neverInstrumented(ServiceEntry entry) {
    return namesOnlyPlatform(entry.classPattern()) ? "names " + (entry.isGlob() ? "only classes" : "a class")
        + " of the JDK (or of Herald or another Java agent), which Herald never instruments" : null;
  }

  /** A configured type found for a class: the type, its name, and the entry naming it. */
  public record Match<T>(T type, String typeName, ServiceEntry entry) {}
}
