package dev.herald.agent.plugin;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.LoadedPlugin.State;
import dev.herald.api.PluginContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * Starts and stops one plugin, each call on a daemon thread of its own and bounded in time, and
 * turns whatever the plugin does (returns, throws, hangs) into one clear log line. A plugin's
 * failure is its own: it never propagates to the caller.
 */
final class PluginLifecycle {

  private static final Logger log = AgentLog.get(PluginLifecycle.class);
  /** For a plugin whose start failed: its listeners are its own start's, most often none running. */
  private static final Duration STOP_WAIT_AFTER_FAILURE = Duration.ofSeconds(5);
  // after a listener wait or a stop() that took the whole limit, what comes next still gets this long
  private static final long MIN_LISTENER_WAIT_NANOS = 100_000_000L;

  private PluginLifecycle() {}

  /**
   * Calls the plugin's {@code start} and waits for it up to {@code timeout}. On failure its
   * subscriptions are closed; on timeout it is abandoned: the caller goes on, the plugin's
   * subscriptions keep working, it is stopped at the end like the others, and the end of its
   * start is logged whenever it comes.
   *
   * @param started what success is logged as, after the plugin's name: {@code "started from plugins/a.jar"}
   * @return the one line logged about it (INFO on success, ERROR otherwise)
   */
  static String start(LoadedPlugin plugin, PluginContext context, Duration timeout, String started) {
    plugin.move(State.LOADED, State.STARTING);
    CompletableFuture<Void> call = BoundedCall.start("herald-plugin-start-" + plugin.name(),
        plugin.jar().loader(), () -> plugin.plugin().start(context));
    BoundedCall.Outcome outcome = BoundedCall.await(call, timeout);
    if (outcome.succeeded()) {
      plugin.move(State.STARTING, State.RUNNING);
      String line = "plugin '" + plugin.name() + "' " + started + " (" + subscriptions(plugin) + ")";
      log.info(line);
      return line;
    } else if (outcome.finished()) {
      return plugin.move(State.STARTING, State.FAILED) ? failed(plugin, outcome.failure())
          : "plugin '" + plugin.name() + "' was stopped while it started";
    }
    plugin.move(State.STARTING, State.ABANDONED);
    String line = "plugin '" + plugin.name() + "' did not start within " + BoundedCall.format(timeout)
        + "; the application goes on without waiting";
    log.error(line);
    call.whenComplete((ignored, failure) -> endedLate(plugin, failure));
    return line;
  }

  private static void endedLate(LoadedPlugin plugin, Throwable failure) {
    if (failure == null) {
      if (plugin.move(State.ABANDONED, State.RUNNING)) {
        log.info("plugin '{}' ({}) finished starting after the start timeout ({})", plugin.name(),
            plugin.jar().display(), subscriptions(plugin));
      }
    } else if (plugin.move(State.ABANDONED, State.FAILED)) {
      failed(plugin, failure);
      Runnable fallBack = plugin.lateRefusal();
      if (plugin.settingsRefused() && fallBack != null) {
        fallBack.run();
      }
    }
  }

  private static String failed(LoadedPlugin plugin, Throwable failure) {
    // By the convention plugins.md sets, an IllegalArgumentException from start is a settings
    // problem whose message says what is wrong: where to fix it helps more than the class name.
    // Not for a plugin without settings: its own code is wrong (a malformed subscription pattern).
    boolean refused = failure instanceof IllegalArgumentException && failure.getMessage() != null
        && plugin.hasSettings();
    if (refused) {
      plugin.refuseSettings();
    }
    String cause = refused
        ? failure.getMessage() + " (the settings under plugins.config." + plugin.name()
            + (plugin.settingsPlace() == null ? "" : ", " + plugin.settingsPlace()) + ")"
        : StartFailure.describe(failure, plugin.jar().loader());
    String line = "plugin '" + plugin.name() + "' (" + plugin.jar().display() + ") failed to start: " + cause;
    log.error(line);
    log.debug("plugin '{}' start failure", plugin.name(), failure);
    closeSubscriptions(plugin, STOP_WAIT_AFTER_FAILURE, "its class loader is closed all the same, and the call may fail");
    plugin.jar().release();
    return line;
  }

  /**
   * Stops a plugin, so that its {@code stop()} does not run beside its own listeners: takes its
   * subscriptions off the bus and lets them deliver what was queued for them (while the bus runs:
   * at most its {@code shutdown-timeout} or {@code timeout}, whichever is shorter; at exit the bus
   * has drained already); closes them and waits for a listener call in progress (at most half of
   * {@code timeout}); calls the plugin's {@code stop} (if it started, or may still be starting) and
   * waits for it, with what is left of {@code timeout}; then reports threads it left running and
   * releases its jar. Does nothing for a plugin that failed or was already stopped.
   */
  static void stop(LoadedPlugin plugin, Duration timeout) {
    State previous = plugin.finish(State.STOPPED);
    if (previous == null) {
      return;
    }
    boolean drained = plugin.bus().retireAll(timeout);
    long droppedBefore = plugin.bus().dropped();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean started = previous == State.RUNNING || previous == State.ABANDONED;
    boolean returned = closeSubscriptions(plugin, timeout.dividedBy(2),
        started ? "its stop() is called all the same" : null);
    if (started) {
      callStop(plugin, Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_LISTENER_WAIT_NANOS)));
    }
    if (!returned) {
      returned = closeSubscriptions(plugin,
          Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_LISTENER_WAIT_NANOS)),
          "its class loader is closed all the same, and the call may fail");
    }
    // What closing dropped, and what it is yet to drop: the holder of a claim (a listener still in
    // its call, or the one that stopped its own plugin) drops what is left when its call returns.
    long lost = drained ? 0 : plugin.bus().dropped() - droppedBefore + plugin.bus().queued();
    if (lost > 0) {
      log.warn("plugin '{}' ({}): {} event{} queued for it {} not delivered before its stop{}: dropped as its"
          + " subscriptions close (counted in their dropped)", plugin.name(), plugin.jar().display(),
          lost, lost == 1 ? "" : "s", lost == 1 ? "was" : "were",
          DefaultEventBus.onDeliveryThread() ? " (it was stopped from a listener, which cannot wait for them)"
              : ", within " + BoundedCall.format(plugin.bus().retireLimit(timeout)));
    }
    // what its listeners left in the delivery threads' ThreadLocals would keep its loader for good
    plugin.bus().renewDeliveryThreads();
    LeftThreads.warnIfAny(plugin);
    plugin.jar().release();
  }

  /**
   * Closes the plugin's subscriptions and waits, at most {@code timeout}, for listener calls in
   * progress to return: its {@code stop()} comes next, or its class loader, and a call still running
   * would fail on the first class of the plugin's jar it had not loaded yet. If one is still
   * running then, logs a WARN ending with {@code then}, unless null.
   *
   * @return true if no listener call of the plugin is running
   */
  private static boolean closeSubscriptions(LoadedPlugin plugin, Duration timeout, String then) {
    plugin.bus().closeAll();
    if (plugin.bus().awaitListenersReturned(timeout.toNanos())) {
      return true;
    }
    if (then != null) {
      log.warn("plugin '{}' ({}): a listener call was still running {} after its subscriptions closed; {}",
          plugin.name(), plugin.jar().display(), BoundedCall.format(timeout), then);
    }
    return false;
  }

  private static void callStop(LoadedPlugin plugin, Duration timeout) {
    CompletableFuture<Void> call = BoundedCall.start("herald-plugin-stop-" + plugin.name(),
        plugin.jar().loader(), plugin.plugin()::stop);
    BoundedCall.Outcome outcome = BoundedCall.await(call, timeout);
    if (!outcome.finished()) {
      log.warn("plugin '{}' ({}) did not stop within {}; going on without waiting", plugin.name(),
          plugin.jar().display(), BoundedCall.format(timeout));
    } else if (outcome.failure() != null) {
      log.error("plugin '{}' ({}) failed to stop: {}", plugin.name(), plugin.jar().display(),
          String.valueOf(outcome.failure()));
      log.debug("plugin '{}' stop failure", plugin.name(), outcome.failure());
    } else {
      log.debug("plugin '{}' stopped", plugin.name());
    }
  }

  private static String subscriptions(LoadedPlugin plugin) {
    int count = plugin.bus().subscriptions();
    return count == 1 ? "1 subscription" : count + " subscriptions";
  }
}
