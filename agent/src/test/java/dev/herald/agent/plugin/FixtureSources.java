package dev.herald.agent.plugin;

import java.util.Map;

/**
 * The sources of the test plugins, compiled at test time by {@link PluginFixtures}. They use only
 * the Herald API and the JDK, as a real plugin built with herald-api in 'provided' scope does.
 *
 * <p>ScriptedPlugin reads its name from {@code plugin-name.txt} in its jar and reports, through
 * events it publishes, what it saw: its start thread, context class loader, config and base
 * directory ({@code plugin.after.start}), and each delivery ({@code plugin.after.seen}). Config
 * keys script it: {@code subscribe}, {@code subscribe-lambda}, {@code subscribe-late} (patterns),
 * {@code leave-thread}, {@code block} (latches), {@code fail-start}, {@code fail-stop}, {@code
 * port} (cast to Integer), {@code needs} (a null check that fails), {@code missing-class} (thrown
 * as a {@code NoClassDefFoundError}), and
 * {@code journal} (a list it appends {@code start:<name>} and {@code stop:<name>} to).
 */
final class FixtureSources {

  private FixtureSources() {}

  static final String SCRIPTED = """
      package fixture;

      import dev.herald.api.Event;
      import dev.herald.api.EventListener;
      import dev.herald.api.HeraldPlugin;
      import dev.herald.api.Phase;
      import dev.herald.api.PluginContext;
      import java.io.InputStream;
      import java.nio.charset.StandardCharsets;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.CountDownLatch;

      public final class ScriptedPlugin implements HeraldPlugin {
        private final String name;
        private volatile PluginContext context;

        public ScriptedPlugin() throws Exception {
          try (InputStream in = ScriptedPlugin.class.getResourceAsStream("/plugin-name.txt")) {
            name = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
          }
        }

        @Override
        public String name() {
          return name;
        }

        @Override
        public void start(PluginContext context) throws Exception {
          this.context = context;
          Map<String, Object> config = context.config();
          journal("start");
          Thread self = Thread.currentThread();
          context.bus().publish(Event.builder("plugin", Phase.AFTER, "start")
              .args(name, self.getName(), self.getContextClassLoader(), config,
                  context.baseDirectory(), ScriptedPlugin.class.getClassLoader())
              .build());
          if (config.get("subscribe") instanceof String pattern) {
            context.bus().on(pattern, new Recorder());
          }
          if (name.equals("malformed")) {
            context.bus().on("order.*", new Recorder()); // a bug in the plugin's code, not its settings
          }
          if (config.get("subscribe-lambda") instanceof String pattern) {
            context.bus().on(pattern, event -> { });
          }
          if (config.get("leave-thread") instanceof CountDownLatch latch) {
            Thread left = new Thread(() -> awaitQuietly(latch), "left-by-" + name);
            left.setDaemon(false);
            left.start();
          }
          if (config.get("block") instanceof CountDownLatch latch) {
            latch.await();
          }
          if (config.get("subscribe-late") instanceof String pattern) {
            context.bus().on(pattern, new Recorder());
          }
          if (config.containsKey("fail-start")) {
            throw new IllegalStateException("start refused by " + name);
          }
          if (config.get("bad-setting") instanceof String key) {
            throw new IllegalArgumentException(name + ": unknown setting '" + key + "'");
          }
          if (config.containsKey("port")) {
            int port = (Integer) config.get("port"); // the agent gives a Long: a plugin's bug
          }
          if (config.containsKey("needs")) {
            java.util.Objects.requireNonNull(config.get("absent"), "needed"); // thrown in a JDK frame
          }
          if (config.get("missing-class") instanceof String missing) { // as the JVM throws it
            throw new NoClassDefFoundError(missing);
          }
        }

        @Override
        public void stop() {
          journal("stop");
          if (context.config().get("hang-stop") instanceof CountDownLatch latch) {
            awaitQuietly(latch);
          }
          if (context.config().containsKey("fail-stop")) {
            throw new IllegalStateException("stop refused by " + name);
          }
        }

        @SuppressWarnings("unchecked")
        private void journal(String what) {
          if (context.config().get("journal") instanceof List<?> journal) {
            ((List<Object>) journal).add(what + ":" + name);
          }
        }

        private static void awaitQuietly(CountDownLatch latch) {
          try {
            latch.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        /** Loaded only by a held listener, after it was let go: a class of the jar not loaded before. */
        static final class Late {
          String name() {
            return "late";
          }
        }

        final class Recorder implements EventListener {
          @Override
          public void onEvent(Event event) {
            if (context.config().get("on-event") instanceof Runnable action) {
              action.run(); // the test's own code, on the delivery thread: a JMX call made there, say
            }
            if (context.config().get("hold") instanceof List<?> latches) {
              ((CountDownLatch) latches.get(0)).countDown();
              awaitQuietly((CountDownLatch) latches.get(1));
              journal("loaded:" + new Late().name());
              return;
            }
            context.bus().publish(Event.builder("plugin", Phase.AFTER, "seen")
                .args(name, Thread.currentThread().getContextClassLoader(), event.name())
                .build());
          }
        }
      }
      """;

  static final String BROKEN = """
      package fixture;

      import dev.herald.api.HeraldPlugin;
      import dev.herald.api.PluginContext;

      public final class BrokenPlugin implements HeraldPlugin {
        public BrokenPlugin() {
          throw new IllegalStateException("no database here");
        }

        @Override
        public String name() {
          return "broken";
        }

        @Override
        public void start(PluginContext context) {}
      }
      """;

  /** Simple class name to source. */
  static final Map<String, String> ALL = Map.of("ScriptedPlugin", SCRIPTED, "BrokenPlugin", BROKEN);
}
