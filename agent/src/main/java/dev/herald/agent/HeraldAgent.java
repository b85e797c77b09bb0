package dev.herald.agent;

import dev.herald.agent.bus.BusOptions;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.OverflowPolicy;
import dev.herald.agent.config.BusSettings;
import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.OnConfigError;
import dev.herald.agent.instrument.Weaving;
import dev.herald.agent.jmx.DeliveryTimes;
import dev.herald.agent.jmx.HeraldMBeans;
import dev.herald.agent.jmx.ServiceCounters;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.PluginManager;
import dev.herald.agent.plugin.PluginThreadsWatch;
import dev.herald.api.EventBus;
import dev.herald.api.Herald;
import java.io.File;
import net.bytebuddy.dynamic.loading.ClassInjector;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Starts Herald in this JVM: reads the config, starts the bus and the plugins, installs the
 * instrumentation, and drains the bus at exit. Called once, reflectively, by the bootstrap
 * {@code AgentStarter}, in the agent's own class loader.
 */
public final class HeraldAgent {

  private static final Logger log = AgentLog.get(HeraldAgent.class);
  private static final long PLUGIN_STOP_FLOOR_NANOS = 1_000_000_000L;

  private HeraldAgent() {}

  /** Starts the agent; never throws (the application starts whatever happens here). */
  public static void start(String args, Instrumentation inst, boolean attached, File jar) {
    long started = System.nanoTime();
    try {
      // Byte Buddy must not reach for sun.misc.Unsafe: on Java 23+ that prints JVM warnings into the
      // application's output. The constant is relocated with Byte Buddy, so this names only our copy.
      System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
      HeraldConfig config = readConfig(args);
      AgentLog.configure(config.log().level(), config.log().file());
      DefaultEventBus bus = new DefaultEventBus(busOptions(config.bus()));
      installBus(bus);
      DeliveryTimes times = new DeliveryTimes();
      ServiceCounters calls = new ServiceCounters(config.services().size());
      PluginManager plugins = new PluginManager(config.plugins().path(), config.plugins().config(),
          baseDirectory(config), config.plugins().startTimeout(), bus,
          (pattern, name, listener) -> bus.subscribe(pattern, name, times.timed(name, listener)));
      long configured = System.nanoTime();
      plugins.startAll();
      if (!attached) {
        PluginThreadsWatch.startIfNeeded(Thread.currentThread()); // premain runs on the main thread
      }
      long pluginsStarted = System.nanoTime();
      Weaving weaving = Weaving.install(inst, config, bus, attached, calls);
      long woven = System.nanoTime();
      log.debug("start-up: config and bus {} ms, plugins {} ms, instrumentation {} ms",
          (configured - started) / 1_000_000, (pluginsStarted - configured) / 1_000_000,
          (woven - pluginsStarted) / 1_000_000);
      LiveChanges live = new LiveChanges(config, weaving, plugins);
      ConfigWatcher.startIfConfigured(config, live);
      registerMBeansLater(bus, config, inst, calls, times, live);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bus, plugins, config), "herald-shutdown"));
      log.info("Herald started in {} ms: {} service entr{}, plugins {}{}",
          (System.nanoTime() - started) / 1_000_000, config.services().size(),
          config.services().size() == 1 ? "y" : "ies", plugins.started(),
          config.file() == null ? "" : ", config " + config.file());
      if (!weaving.active()) {
        log.info("no services configured: nothing is instrumented, the bus serves events published from code");
      }
    } catch (ExitRequested exit) {
      System.exit(2);
    } catch (Throwable t) {
      log.error("Herald did not start; the application runs without events", t);
    }
  }

  private static HeraldConfig readConfig(String args) {
    Optional<Path> file = ConfigLoader.locate(args, System::getProperty, System::getenv, Path.of("").toAbsolutePath());
    if (file.isEmpty()) {
      log.warn("no config file: pass one as -javaagent:herald-agent.jar=<file>, -Dherald.config=<file>, "
          + "HERALD_CONFIG=<file>, or put herald.yaml in the working directory; nothing is instrumented");
      return HeraldConfig.empty(null);
    }
    try {
      return ConfigLoader.load(file.get(), System::getenv);
    } catch (ConfigException e) {
      boolean exit = e.onConfigError() == OnConfigError.EXIT;
      // One line, so that log scrapers and people see the cause where they see the error.
      log.error("{}; {}", describe(e.problems()), exit
          ? "exiting (on-config-error: exit)" : "the application runs without Herald's events");
      if (exit) {
        throw new ExitRequested();
      }
      return HeraldConfig.empty(file.get());
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

  private static void stop(DefaultEventBus bus, PluginManager plugins, HeraldConfig config) {
    try {
      // One budget for the whole exit: the drain, then whatever is left (at least a second) for the
      // plugins to flush and close.
      Duration timeout = config.bus().shutdownTimeout();
      long deadline = System.nanoTime() + timeout.toNanos();
      bus.shutdown(timeout);
      plugins.stopAll(Duration.ofNanos(Math.max(deadline - System.nanoTime(), PLUGIN_STOP_FLOOR_NANOS)));
    } catch (Throwable t) {
      log.error("Herald did not shut down cleanly", t);
    }
  }

  private static void registerMBeansLater(DefaultEventBus bus, HeraldConfig config, Instrumentation inst,
      ServiceCounters calls, DeliveryTimes times, LiveChanges live) {
    // Not in premain: the platform MBean server started this early breaks applications that install
    // their own java.util.logging manager once main runs (WildFly, some Spring Boot set-ups).
    Thread thread = new Thread(() -> {
      try {
        live.attach(HeraldMBeans.register(bus, config.services(), inst, calls, times, live));
      } catch (Throwable t) {
        log.warn("Herald's JMX beans are not available: {}", t.toString());
      }
    }, "herald-jmx-init");
    thread.setDaemon(true);
    thread.start();
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

  private static void installBus(EventBus bus) throws ReflectiveOperationException {
    // Herald lives on the bootstrap class path and must not depend on the agent: set it reflectively.
    Method install = Herald.class.getDeclaredMethod("install", EventBus.class);
    install.setAccessible(true);
    install.invoke(null, bus);
  }

  /** Thrown to leave start-up for System.exit, after the error has been logged. */
  private static final class ExitRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExitRequested() {
      super(null, null, false, false);
    }
  }
}
