package dev.herald.agent;

import dev.herald.agent.bootstrap.AgentStarter;
import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.BusOptions;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.HeldEvents;
import dev.herald.agent.bus.OverflowPolicy;
import dev.herald.agent.config.BusSettings;
import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.OnConfigError;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.ServiceIndex;
import dev.herald.agent.instrument.WarmUp;
import dev.herald.agent.instrument.Weaving;
import dev.herald.agent.jmx.DeliveryTimes;
import dev.herald.agent.jmx.HeraldMBeans;
import dev.herald.agent.jmx.ServiceCounters;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.JdkModules;
import dev.herald.agent.plugin.NamedSubscriber;
import dev.herald.agent.plugin.PluginManager;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Starts Herald in this JVM: reads the config, starts the bus and the plugins, installs the
 * instrumentation, and drains the bus at exit. Called once, reflectively, by the bootstrap
 * {@code AgentStarter}, in the agent's own class loader.
 */
public final class HeraldAgent {

  private static final Logger log = AgentLog.get(HeraldAgent.class);
  private static final long PLUGIN_STOP_FLOOR_NANOS = 1_000_000_000L;
  /** The name of Herald's shutdown hook thread, told apart from the application's hooks. */
  private static final String SHUTDOWN_THREAD = "herald-shutdown";
  private static final long MIN_HOLD_SECONDS = 30;

  // Anonymous classes, not System::getProperty and System::getenv: premain's first method
  // references cost the application's main thread milliseconds of lambda bootstrap.
  private static final Function<String, String> SYSTEM_PROPERTIES = new Function<>() {
    @Override
    public String apply(String name) {
      return System.getProperty(name);
    }
  };
  private static final Function<String, String> ENVIRONMENT = new Function<>() {
    @Override
    public String apply(String name) {
      return System.getenv(name);
    }
  };

  private HeraldAgent() {}

  /**
   * Starts the agent; never throws (the application starts whatever happens here).
   *
   * @return {@link AgentStarter#RUNNING}, {@link AgentStarter#NOT_ATTACHED} or {@link
   *     AgentStarter#START_FAILED}
   */
  public static int start(String args, Instrumentation inst, boolean attached, File jar) {
    long started = System.nanoTime();
    // set once events are held, for a start that fails after that: see the catch below
    HeldEvents heldSoFar = null;
    DefaultEventBus busSoFar = null;
    try {
      // first: whatever becomes of the config, the application's Herald.bus() must answer
      ModuleReads.grant(inst, jar);
      Optional<Path> file =
          ConfigLoader.locate(args, SYSTEM_PROPERTIES, ENVIRONMENT, Path.of("").toAbsolutePath());
      // The weaver's classes load beside the config's reading rather than on the application's main
      // thread as its first service loads. Not when attached: the services are loaded already.
      WarmUp warmUp = file.isPresent() && !attached ? WarmUp.begin() : null;
      HeraldConfig read = readConfig(file, attached);
      if (read == null && attached) {
        // Nothing is set up, so that an attach with the config fixed can start Herald after all.
        return AgentStarter.NOT_ATTACHED;
      }
      // A rejected config runs as an empty one, but the start line must not read as if all were well
      boolean rejected = read == null;
      HeraldConfig config = rejected ? HeraldConfig.empty(file.get()) : read;
      if (warmUp != null && config.services().isEmpty()) {
        warmUp.cancel();
      }
      AgentLog.configure(config.log().level(), config.log().format(), config.log().file());
      for (ServiceEntry entry : config.services()) {
        // told at once: unlike a class that may load late, these can never send events
        if (ServiceIndex.namesOnlyPlatform(entry.classPattern())) {
          log.warn(UnmatchedServices.platformMessage(config.file(), entry));
        }
      }
      DefaultEventBus bus = new DefaultEventBus(busOptions(config.bus()));
      DeliveryTimes times = new DeliveryTimes();
      ServiceCounters calls = new ServiceCounters(config.services().size());
      // Anonymous classes, not lambdas, on this path: see BackgroundStart.
      PluginManager plugins = new PluginManager(config.plugins().path(), config.plugins().config(),
          baseDirectory(config), config.plugins().startTimeout(), bus, new NamedSubscriber() {
            @Override
            public Subscription subscribe(String pattern, String name, EventListener listener) {
              return bus.subscribe(pattern, name, times.timed(name, pattern, listener));
            }
          });
      long configured = System.nanoTime();
      // The plugins start on herald-start, once the application's start has settled unless an event
      // wants them first (plugins.start). Meanwhile events are kept, in order, and published once the
      // plugins have subscribed: calls and Herald.bus().publish(...) (through the held bus) go on.
      long holdNanos =
          TimeUnit.SECONDS.toNanos(Math.max(MIN_HOLD_SECONDS, 2 * config.plugins().startTimeout().toSeconds()));
      HeldEvents held = new HeldEvents(bus, config.bus().queueCapacity());
      heldSoFar = held;
      busSoFar = bus;
      installBus(new HeldBus(bus, held, holdNanos));
      HeraldHooks.hold();
      Weaving weaving = Weaving.install(inst, config, bus, held, attached, calls);
      LiveChanges live = new LiveChanges(config, weaving, plugins);
      StartupQuiet quiet = attached ? null : StartupQuiet.install(inst, weaving.active());
      OtherShutdownHooks otherHooks = new OtherShutdownHooks();
      BackgroundStart background = new BackgroundStart(plugins, attached ? null : Thread.currentThread(), quiet,
          config.plugins().deferStart()) {
        @Override
        void beforeRelease() {
          held.release();
          installBus(bus);
        }

        @Override
        void first() {
          // A few ms of reflection and module changes: not in premain, but not left for later()
          // either, which waits for the start to settle: of an application that exits before that (a
          // batch job), the shutdown hook's calls would be drained only while they came every 20 ms.
          otherHooks.capture(inst);
        }

        @Override
        boolean applicationHooks() {
          return otherHooks.othersThan(SHUTDOWN_THREAD);
        }

        @Override
        void started(String when) {
          logStarted(started, when, config, rejected, plugins, weaving, AgentVersion.of(jar));
        }

        @Override
        void later() {
          registerMBeans(bus, config, inst, calls, times, live);
          weaving.releaseLoadersAfterCollections();
        }
      }.begin();
      ConfigWatcher.startIfConfigured(config, live);
      // A Runnable, not a Thread subclass: the JVM keeps the hook's Thread until every hook has
      // ended, and only a Runnable target is let go when it ends, and with it the plugins' loaders.
      Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
        @Override
        public void run() {
          stop(bus, plugins, config, background, otherHooks);
          warnUnmatched(config, live, weaving);
        }
      }, SHUTDOWN_THREAD));
      log.debug("start-up before main: config and bus {} ms, instrumentation {} ms",
          (configured - started) / 1_000_000, (System.nanoTime() - configured) / 1_000_000);
      return AgentStarter.RUNNING;
    } catch (ExitRequested exit) {
      System.exit(2);
      return AgentStarter.START_FAILED;
    } catch (Throwable t) {
      // What was kept goes out, and Herald.bus() becomes the bus itself, before calls stop being
      // held: nothing stays kept for ever, and no later call overtakes a kept one.
      try {
        if (heldSoFar != null) {
          heldSoFar.release();
          installBus(busSoFar);
        }
      } catch (Throwable ignored) {
        // the hold ends below all the same
      }
      HeraldHooks.release();
      log.error("Herald did not start; the application runs without events", t);
      return AgentStarter.START_FAILED;
    }
  }

  private static void logStarted(long started, String when, HeraldConfig config, boolean rejected,
      PluginManager plugins, Weaving weaving, String version) {
    if (rejected) {
      log.info("Herald started in {} ms (version {}) without events: config {} has errors (above); fix it and"
          + " restart", (System.nanoTime() - started) / 1_000_000, version, config.file());
      return;
    }
    List<String> names = plugins.started();
    String pluginsPart = when.equals(BackgroundStart.NOT_STARTED)
        ? "plugins not started (the JVM exited before any event wanted them)"
        : "plugins " + names + (names.isEmpty() ? "" : " (started " + when + ")");
    log.info("Herald started in {} ms (version {}): {} service entr{}, {}{}",
        (System.nanoTime() - started) / 1_000_000, version, config.services().size(),
        config.services().size() == 1 ? "y" : "ies", pluginsPart,
        config.file() == null ? "" : ", config " + config.file());
    if (!weaving.active()) {
      log.info("no services configured: nothing is instrumented, the bus serves events published from code");
    }
  }

  /** The config of {@code file}; null if it was rejected (logged here), empty if there is no file. */
  private static HeraldConfig readConfig(Optional<Path> file, boolean attached) {
    if (file.isEmpty()) {
      log.warn("no config file: pass one as -javaagent:herald-agent.jar=<file>, -Dherald.config=<file>, "
          + "HERALD_CONFIG=<file>, or put herald.yaml in the working directory; nothing is instrumented");
      return HeraldConfig.empty(null);
    }
    try {
      return ConfigLoader.load(file.get(), ENVIRONMENT);
    } catch (ConfigException e) {
      // Attached, the application has long been running: a failed attach must not end it.
      boolean exit = e.onConfigError() == OnConfigError.EXIT && !attached;
      // One line, so that log scrapers and people see the cause where they see the error.
      log.error("{}; {}", describe(e.problems()), attached
          ? "Herald was not attached; the application runs on as before"
          : exit ? "exiting (on-config-error: exit)" : "the application runs without Herald's events");
      if (exit) {
        throw new ExitRequested();
      }
      if (attached) {
        System.setProperty(AgentStarter.REJECTED_PROPERTY, describe(e.problems()));
      }
      return null;
    }
  }

  private static String describe(List<ConfigException.Problem> problems) {
    StringBuilder text = new StringBuilder(problems.get(0).toString());
    for (int i = 1; i < problems.size() && i < 5; i++) {
      text.append("; also ").append(problems.get(i));
    }
    if (problems.size() > 5) {
      text.append("; and ").append(problems.size() - 5).append(" more (java -jar herald-agent.jar check <file>)");
    }
    return text.toString();
  }

  private static void stop(DefaultEventBus bus, PluginManager plugins, HeraldConfig config,
      BackgroundStart background, OtherShutdownHooks otherHooks) {
    try {
      // One budget for the whole exit: the plugins' start if still under way, the application's own
      // shutdown hooks while they publish, the drain, then whatever is left (at least a second) for
      // the plugins to flush and close.
      Duration timeout = config.bus().shutdownTimeout();
      long deadline = System.nanoTime() + timeout.toNanos();
      if (!background.stopAfterPlugins(timeout)) {
        log.warn("the plugins were still starting when the JVM exited");
      }
      // the application's graceful shutdown may still call its services: their events count too
      otherHooks.awaitEnd(deadline, new LongSupplier() {
        @Override
        public long getAsLong() {
          return bus.publishedSoFar();
        }
      });
      bus.shutdown(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
      plugins.stopAll(Duration.ofNanos(Math.max(deadline - System.nanoTime(), PLUGIN_STOP_FLOOR_NANOS)));
    } catch (Throwable t) {
      log.error("Herald did not shut down cleanly", t);
    }
  }

  private static void warnUnmatched(HeraldConfig config, LiveChanges live, Weaving weaving) {
    try {
      List<ServiceEntry> services = live.runningServices();
      if (!services.isEmpty()) {
        UnmatchedServices.warn(log, config.file(), services, weaving.loadedClasses(), weaving.namedClassesSeen());
      }
    } catch (Throwable t) {
      log.debug("could not tell which services entries matched no class", t);
    }
  }

  private static void registerMBeans(DefaultEventBus bus, HeraldConfig config, Instrumentation inst,
      ServiceCounters calls, DeliveryTimes times, LiveChanges live) {
    // Not in premain (this runs on herald-start, after the plugins): the platform MBean server
    // started this early breaks applications that install their own java.util.logging manager once
    // main runs (WildFly, some Spring Boot set-ups).
    try {
      live.attach(HeraldMBeans.register(bus, config.services(), inst, calls, times, live));
    } catch (Throwable t) {
      if (!JdkModules.resolved("java.management")) {
        // an application run with -m that does not require it, or a runtime linked without it:
        // the NoClassDefFoundError names a class, not the module nor the fix
        log.warn("Herald's JMX beans are not available: the JDK module java.management is not in this JVM; {}",
            JdkModules.adviceForModule("java.management"));
      } else {
        log.warn("Herald's JMX beans are not available: {}", t.toString());
      }
    }
  }

  static BusOptions busOptions(BusSettings settings) {
    return new BusOptions(settings.queueCapacity(), OverflowPolicy.fromConfigName(settings.overflow()),
        settings.blockTimeout(), settings.threads(), settings.shutdownTimeout());
  }

  private static Path baseDirectory(HeraldConfig config) {
    Path file = config.file();
    Path parent = file == null ? null : file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of("").toAbsolutePath();
  }

  private static void installBus(EventBus bus) {
    // Herald lives on the bootstrap class path and must not depend on the agent: set it reflectively.
    try {
      Method install = Herald.class.getDeclaredMethod("install", EventBus.class);
      install.setAccessible(true);
      install.invoke(null, bus);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the bus as Herald.bus()", e);
    }
  }

  /** Thrown to leave start-up for System.exit, after the error has been logged. */
  private static final class ExitRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExitRequested() {
      super(null, null, false, false);
    }
  }
}
