package dev.herald.it.shapes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the scenarios named on the command line, in order, then prints {@code DONE} and returns
 * (no {@code System.exit}: the JVM exits when main returns, which is when the agent drains).
 *
 * <p>Scenarios: {@code events}, {@code errors}, {@code async}, {@code args}, {@code never}, {@code
 * config}, {@code context}, {@code publish}, {@code burst}, {@code settle}, {@code plugins-while-loading},
 * {@code plugins-after-quiet}, {@code plugins-first-call}, {@code classloading}, {@code bases-first}, {@code reload}, {@code
 * reload-services}, {@code reload-plugins}, {@code attach}. An unknown name
 * fails with exit status 2.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, Scenario> scenarios = new LinkedHashMap<>();
    scenarios.put("events", EventScenarios::events);
    scenarios.put("errors", EventScenarios::errors);
    scenarios.put("async", EventScenarios::async);
    scenarios.put("args", EventScenarios::args);
    scenarios.put("never", EventScenarios::never);
    scenarios.put("config", EventScenarios::config);
    scenarios.put("context", BusScenarios::context);
    scenarios.put("publish", BusScenarios::publish);
    scenarios.put("burst", BusScenarios::burst);
    scenarios.put("settle", BusScenarios::settle);
    scenarios.put("plugins-while-loading", BusScenarios::pluginsWhileLoading);
    scenarios.put("plugins-after-quiet", BusScenarios::pluginsAfterQuiet);
    scenarios.put("plugins-first-call", BusScenarios::pluginsFirstCall);
    scenarios.put("classloading", LoadingScenarios::classloading);
    scenarios.put("isolated", LoadingScenarios::isolated);
    scenarios.put("common-pool", LoadingScenarios::commonPool);
    scenarios.put("ownapi", LoadingScenarios::ownApi);
    scenarios.put("undeploy", LoadingScenarios::undeploy);
    scenarios.put("undeploy-subscriber", LoadingScenarios::undeploySubscriber);
    scenarios.put("overflow", OverflowScenarios::overflow);
    scenarios.put("bases-first", BaseScenarios::basesFirst);
    scenarios.put("reload", ReloadScenarios::reload);
    scenarios.put("reload-services", ReloadScenarios::services);
    scenarios.put("reload-plugins", PluginReloadScenarios::plugins);
    scenarios.put("attach", AttachScenarios::attach);
    Report.print("start-epoch-millis", System.currentTimeMillis());
    for (String name : args) {
      Scenario scenario = scenarios.get(name);
      if (scenario == null) {
        System.err.println("unknown scenario " + name + "; known: " + scenarios.keySet());
        System.exit(2);
      }
      scenario.run();
      Report.print("scenario-done", name);
    }
    Report.print("end-epoch-millis", System.currentTimeMillis());
    System.out.println("DONE");
  }

  @FunctionalInterface
  interface Scenario {
    void run() throws Exception;
  }
}
