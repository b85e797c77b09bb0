package dev.herald.it.shapes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.herald.api.Herald;
import java.util.Map;
import java.util.function.Predicate;

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
   * A configured class's method first called on the common pool, whose threads the JDK runs with no
   * permission at all under a security manager (InnocuousForkJoinWorkerThread), the class having
   * been called on the main thread before: a parallel stream or a task handed to the pool.
   */
  static void commonPool() throws Exception {
    AccountService service = new AccountService();
    service.create(new Account("cp-1", "main"));
    Report.print("cp-update", java.util.concurrent.ForkJoinPool.commonPool()
        .submit(() -> service.update(new Account("cp-2", "pool")).id()).get());
  }

  /**
   * A configured class loaded through a loader that delegates only {@code java.*}: its calls must
   * behave as without the agent (Herald leaves the class alone and says why).
   */
  static void isolated() throws Exception {
    ClassLoader isolating = new SelectiveLoader(name -> name.startsWith("java."),
        name -> name.equals(IsolatedLedger.class.getName()), "the JDK only");
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
    ClassLoader childFirst = new SelectiveLoader(
        name -> name.startsWith("java.") || name.startsWith("dev.herald.agent."),
        name -> name.equals(IsolatedLedger.class.getName()) || name.startsWith("dev.herald.api."),
        "the JDK, Herald's hooks and its own copies");
    Class<?> ledger = childFirst.loadClass(IsolatedLedger.class.getName());
    Object instance = ledger.getConstructor().newInstance();
    Report.print("own-create", ledger.getMethod("create", String.class).invoke(instance, "own-1"));
    Class<?> ownHerald = childFirst.loadClass(Herald.class.getName());
    Report.print("own-api-same", ownHerald == Herald.class);
    Report.print("own-installed", ownHerald.getMethod("installed").invoke(null));
    Report.print("installed", Herald.installed());
  }

  /**
   * A web application undeployed: a configured class, defined by a loader of its own that delegates
   * the JDK, Herald's hooks and its API (as a servlet container's web-app loader does), is woven and
   * called, and hands an object of its own to a configured class of the server's shared libraries
   * ({@link SharedStore}), then the application lets go of the loader. Nothing of Herald may keep it: an
   * application server that redeploys would otherwise keep every old version's classes.
   */
  static void undeploy() throws Exception {
    java.lang.ref.WeakReference<ClassLoader> loader = deployAndCall();
    Herald.bus().flush(java.time.Duration.ofSeconds(30)); // the events of its calls are delivered
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (loader.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    Report.print("undeployed-loader-collected", loader.get() == null);
  }

  /**
   * As {@link #undeploy}, the web application subscribing a listener of its own, the bus's first
   * (no plugin subscribed): the delivery threads then start on its thread. It closes its
   * subscription when undeployed, as a well-behaved one does; nothing may keep its loader then.
   */
  static void undeploySubscriber() throws Exception {
    java.lang.ref.WeakReference<ClassLoader> loader = deployListenAndCall();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (loader.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    Report.print("undeployed-listener-loader-collected", loader.get() == null);
  }

  private static java.lang.ref.WeakReference<ClassLoader> deployListenAndCall() throws Exception {
    ClassLoader webapp = new SelectiveLoader(
        name -> name.startsWith("java.") || name.startsWith("dev.herald.agent.") || name.startsWith("dev.herald.api."),
        name -> name.equals(IsolatedLedger.class.getName()) || name.equals(WebAppListener.class.getName()),
        "the JDK, Herald's hooks and its API");
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.herald.api.Subscription subscription = (dev.herald.api.Subscription) webapp
        .loadClass(WebAppListener.class.getName()).getMethod("listen", java.util.List.class).invoke(null, seen);
    Class<?> ledger = webapp.loadClass(IsolatedLedger.class.getName());
    Object instance = ledger.getConstructor().newInstance();
    ledger.getMethod("create", String.class).invoke(instance, "listener-1");
    Herald.bus().flush(java.time.Duration.ofSeconds(30));
    Report.print("webapp-listener-saw", seen);
    subscription.close();
    return new java.lang.ref.WeakReference<>(webapp);
  }

  private static java.lang.ref.WeakReference<ClassLoader> deployAndCall() throws Exception {
    ClassLoader webapp = new SelectiveLoader(
        name -> name.startsWith("java.") || name.startsWith("dev.herald.agent.") || name.startsWith("dev.herald.api."),
        name -> name.equals(IsolatedLedger.class.getName()), "the JDK, Herald's hooks and its API");
    Class<?> ledger = webapp.loadClass(IsolatedLedger.class.getName());
    Object instance = ledger.getConstructor().newInstance();
    Report.print("undeploy-create", ledger.getMethod("create", String.class).invoke(instance, "undeploy-1"));
    try {
      ledger.getMethod("update", String.class).invoke(instance, "undeploy-2");
    } catch (java.lang.reflect.InvocationTargetException expected) {
      // its failed event
    }
    Report.print("undeploy-delete", ledger.getMethod("delete", String.class).invoke(null, "undeploy-3"));
    // a service of the server's shared libraries, given and returning an object of the web application
    Report.print("undeploy-shared", new SharedStore().create(instance) == instance);
    return new java.lang.ref.WeakReference<>(webapp);
  }

  /**
   * A loader that asks the application's loader for the classes {@code delegated} accepts, defines
   * those {@code own} accepts itself from the application's class files (child-first), and sees
   * nothing else.
   */
  private static final class SelectiveLoader extends ClassLoader {
    private final Predicate<String> delegated;
    private final Predicate<String> own;
    private final String sees;

    SelectiveLoader(Predicate<String> delegated, Predicate<String> own, String sees) {
      super(null);
      this.delegated = delegated;
      this.own = own;
      this.sees = sees;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        ClassLoader app = LoadingScenarios.class.getClassLoader();
        if (delegated.test(name)) {
          return app.loadClass(name);
        }
        if (!own.test(name)) {
          throw new ClassNotFoundException(name + " (this loader sees " + sees + ")");
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
