package dev.herald.it.shapes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.herald.api.Herald;
import java.util.Map;

/** What the application can see: the API yes, the agent's insides no, its own Jackson version. */
final class LoadingScenarios {

  private static final String[] HIDDEN = {
    "dev.herald.agent.shaded.org.objectweb.asm.ClassReader",
    "dev.herald.agent.HeraldAgent",
    "org.objectweb.asm.ClassReader",
    "dev.herald.agent.shaded.org.snakeyaml.engine.v2.api.Load",
    "dev.herald.agent.shaded.ch.qos.logback.classic.Logger",
  };

  private LoadingScenarios() {}

  static void classloading() throws Exception {
    for (String name : HIDDEN) {
      Report.print("class " + name, visible(name));
    }
    Report.print("installed", Herald.installed());
    ClassLoader apiLoader = Herald.class.getClassLoader();
    Report.print("api-loader", apiLoader == null ? "bootstrap" : apiLoader.getClass().getName());
    Report.print("app-jackson", PackageVersion.VERSION);
    Report.print("app-json", new ObjectMapper().writeValueAsString(Map.of("jackson", "works")));
    new AccountService().create(new Account("cl-1", "loader"));
  }

  /**
   * A configured class loaded through a loader that delegates only {@code java.*}: its calls must
   * behave as without the agent (Herald leaves the class alone and says why).
   */
  static void isolated() throws Exception {
    ClassLoader isolating = new ClassLoader(null) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded != null) {
            return loaded;
          }
          if (name.startsWith("java.")) {
            return ClassLoader.getPlatformClassLoader().loadClass(name);
          }
          if (!name.equals(IsolatedLedger.class.getName())) {
            throw new ClassNotFoundException(name + " (this loader sees the JDK only)");
          }
          try (java.io.InputStream in = LoadingScenarios.class.getClassLoader()
              .getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (java.io.IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
      }
    };
    Class<?> ledger = isolating.loadClass(IsolatedLedger.class.getName());
    Object instance = ledger.getConstructor().newInstance();
    Report.print("iso-create", ledger.getMethod("create", String.class).invoke(instance, "iso-1"));
    try {
      ledger.getMethod("update", String.class).invoke(instance, "iso-2");
      Report.print("iso-update", "returned");
    } catch (java.lang.reflect.InvocationTargetException e) {
      Report.print("iso-update", e.getCause().toString());
    }
    Report.print("iso-delete", ledger.getMethod("delete", String.class).invoke(null, "iso-3"));
    new AccountService().create(new Account("iso-4", "loader"));
  }

  /**
   * A configured class loaded child-first beside its own copy of herald-api, as a web application
   * that packs herald-api in WEB-INF/lib: the class is woven (its loader delegates dev.herald.agent.*
   * to the boot class path), but its Herald.bus() is its own copy's, which delivers nothing.
   */
  static void ownApi() throws Exception {
    ClassLoader app = LoadingScenarios.class.getClassLoader();
    ClassLoader childFirst = new ClassLoader(null) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded != null) {
            return loaded;
          }
          if (name.startsWith("java.") || name.startsWith("dev.herald.agent.")) {
            return app.loadClass(name);
          }
          if (!name.equals(IsolatedLedger.class.getName()) && !name.startsWith("dev.herald.api.")) {
            throw new ClassNotFoundException(name + " (this loader sees the JDK, Herald's hooks and its own copies)");
          }
          try (java.io.InputStream in = app.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (java.io.IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
      }
    };
    Class<?> ledger = childFirst.loadClass(IsolatedLedger.class.getName());
    Object instance = ledger.getConstructor().newInstance();
    Report.print("own-create", ledger.getMethod("create", String.class).invoke(instance, "own-1"));
    Class<?> ownHerald = childFirst.loadClass(Herald.class.getName());
    Report.print("own-api-same", ownHerald == Herald.class);
    Report.print("own-installed", ownHerald.getMethod("installed").invoke(null));
    Report.print("installed", Herald.installed());
  }

  private static String visible(String name) {
    try {
      Class.forName(name, false, LoadingScenarios.class.getClassLoader());
      return "visible";
    } catch (ClassNotFoundException e) {
      try {
        ClassLoader.getSystemClassLoader().loadClass(name);
        return "visible";
      } catch (ClassNotFoundException again) {
        return "hidden";
      }
    }
  }
}
