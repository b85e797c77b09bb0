package dev.herald.agent;

import dev.herald.agent.log.AgentLog;
import dev.herald.api.Herald;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.module.ModuleDescriptor;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;

/**
 * Herald's API as the application's named modules see it. The API is on the bootstrap class path,
 * in its unnamed module, which a named module does not read: its {@code Herald.bus()} (compiled
 * with {@code requires static dev.herald.api}, the API left to the agent) would fail with an
 * IllegalAccessError, and only after one of its classes was woven (the JVM lets a transformed
 * class's module read it), so depending on load order. An application that puts herald-api on the
 * module path instead has Herald use that copy, the JVM's choice: it must be the agent's version.
 */
final class ModuleReads {

  private static final Logger log = AgentLog.get(ModuleReads.class);

  private ModuleReads() {}

  /** Lets the boot layer's application modules read the API; never throws. Runs before main. */
  static void grant(Instrumentation inst, File jar) {
    try {
      Module api = Herald.class.getModule();
      if (api.isNamed()) {
        checkSameApi(api, jar); // reads the agent jar: only here, never for class-path applications
        return;
      }
      ClassLoader system = ClassLoader.getSystemClassLoader();
      Set<Module> reads = Set.of(api);
      // a loop, not a stream: before main, each lambda is a class spun at run time
      for (Module module : ModuleLayer.boot().modules()) {
        // the JDK's modules are the boot and platform loaders'; the application's, the system loader's
        if (module.getClassLoader() == system && !module.canRead(api)) {
          inst.redefineModule(module, reads, Map.of(), Map.of(), Set.of(), Map.of());
        }
      }
    } catch (Throwable t) {
      log.debug("could not let the application's modules read Herald's API", t);
    }
  }

  /**
   * Compares the application's herald-api, class by class, with the agent's own copy: a version
   * string cannot tell two snapshots apart, and Herald's code calling a method an older copy lacks
   * would fail in the application's {@code statistics()} or worse.
   */
  private static void checkSameApi(Module api, File jar) throws IOException {
    if (jar == null || !jar.isFile()) {
      return;
    }
    String differs = null;
    try (JarFile agent = new JarFile(jar, false)) {
      for (Enumeration<JarEntry> entries = agent.entries(); entries.hasMoreElements() && differs == null; ) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith("dev/herald/api/") && entry.getName().endsWith(".class")) {
          try (InputStream ours = agent.getInputStream(entry); InputStream theirs = api.getResourceAsStream(entry.getName())) {
            if (theirs == null || !Arrays.equals(ours.readAllBytes(), theirs.readAllBytes())) {
              differs = entry.getName();
            }
          }
        }
      }
    }
    if (differs != null) {
      ModuleDescriptor descriptor = api.getDescriptor();
      String theirs = descriptor == null ? "" : descriptor.rawVersion().map(v -> " " + v).orElse("");
      log.warn("herald-api{} is on the module path, and Herald uses that copy too (a named module takes the package"
          + " from the bootstrap class path), but it is not this agent's ({}: {}); Herald's calls into it may fail."
          + " Put the agent's herald-api ({}) there, or leave it off the module path and write 'requires static"
          + " dev.herald.api' (see docs/operations.md)", theirs, AgentVersion.of(jar),
          differs.substring("dev/herald/api/".length(), differs.length() - ".class".length()) + " differs",
          AgentVersion.of(jar));
    }
  }
}
