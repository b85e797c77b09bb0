package dev.herald.it.reliability.app;

import dev.herald.api.Herald;

/**
 * {@code java -javaagent:herald-agent.jar=herald.yaml -cp test-classes
 * dev.herald.it.reliability.app.ReliabilityApp <scenario> [key=value...]}: runs one scenario and
 * reports in {@code key=value} lines. Scenarios: {@code load}, {@code slow}, {@code hanging},
 * {@code throwing}, {@code reentrant}, {@code exit}, {@code memory}, {@code leak}, {@code gated}.
 */
public final class ReliabilityApp {

  private ReliabilityApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ReliabilityApp <scenario> [key=value...]");
    }
    Options options = new Options(args, 1);
    Out.print("installed", Herald.installed());
    switch (args[0]) {
      case "load" -> LoadScenario.run(options);
      case "slow" -> SlowScenario.run(options);
      case "hanging" -> HangingScenario.run(options);
      case "throwing" -> ThrowingScenario.run(options);
      case "reentrant" -> ReentrantScenario.run(options);
      case "exit" -> ExitScenario.run(options);
      case "memory" -> MemoryScenario.run(options);
      case "leak" -> LeakScenario.run(options);
      case "gated" -> GatedStartScenario.run(options);
      default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
    }
  }
}
