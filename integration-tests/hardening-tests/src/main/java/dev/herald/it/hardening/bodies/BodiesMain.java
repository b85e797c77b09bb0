package dev.herald.it.hardening.bodies;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Calls every body shape of this package, one case at a time, through {@link Cases}: prints, per
 * case, {@code event <case> <invocationId> <name> <Class>#<method> <args> ...} for each event and
 * {@code result <case>=<value>}. Runs the same with and without the agent (then no events are
 * printed), and ends with {@code APP DONE}.
 */
public final class BodiesMain {

  private BodiesMain() {}

  public static void main(String[] args) {
    Cases cases = new Cases();
    LoopService loop = new LoopService();
    cases.run("loop-do-while", () -> loop.doWhileTop(3, 10));
    cases.run("loop-while", () -> loop.whileTop(20));
    cases.run("loop-infinite", () -> loop.infiniteTop(15));
    cases.run("loop-static-do-while", () -> LoopService.staticDoWhile(1, 8));
    cases.run("loop-static-for", () -> LoopService.staticForTop(3L));
    cases.run("many-locals", () -> new ManyLocalsService().update(3L));
    WideService wide = new WideService();
    cases.run("wide-last", () -> wide.update("abc", 4, 10L));
    cases.run("wide-all", () -> wide.create(2.5, 4L));
    cases.run("wide-all-static", () -> WideService.upsert(2L, 0.5, 3L, 0.25));

    TryService tries = new TryService();
    cases.run("try-return-in-try", () -> tries.returnInTry(21));
    cases.run("try-return-in-catch", () -> tries.returnInCatch("12"), () -> tries.returnInCatch("x"));
    cases.run("try-return-in-finally", () -> tries.returnInFinally(5), () -> tries.returnInFinally(0));
    cases.run("try-nested", () -> tries.nestedTry("n"));
    cases.run("try-swallow", () -> tries.swallow("s"));
    cases.run("try-rethrow", () -> tries.rethrow("7"), () -> tries.rethrow("seven"));
    cases.run("try-finally-replaces", () -> tries.finallyReplaces("f"));
    cases.run("try-finally-count", tries::finallyRuns);

    FlowService flow = new FlowService();
    cases.run("switch-table", () -> flow.table(1), () -> flow.table(4), () -> flow.table(9));
    cases.run("switch-lookup", () -> flow.lookup(-100000), () -> flow.lookup(4096),
        () -> flow.lookup(5));
    cases.run("switch-string", () -> flow.words("stop"), () -> flow.words("jump"));
    int[][] grid = {{1, 2, 3}, {4, 5, 6}};
    cases.run("loops-return", () -> flow.findInGrid(grid, 5), () -> flow.findInGrid(grid, 9));
    cases.run("loops-break", () -> flow.breakOut(grid, 8));
    cases.run("only-throws-void", () -> {
      flow.delete("locked");
      return "no exception";
    });
    cases.run("only-throws-value", () -> flow.deactivate(3));
    cases.run("void-early-returns", () -> call(flow::activate, -1, flow::path),
        () -> call(flow::activate, 4, flow::path), () -> call(flow::activate, 20, flow::path));

    MonitorService monitor = new MonitorService();
    cases.run("monitor-return", () -> monitor.returnInside(5), () -> monitor.returnInside(0),
        monitor::heldByCaller);
    cases.run("monitor-throw", () -> monitor.throwInside(-2), monitor::heldByCaller);
    cases.run("monitor-nested", () -> monitor.nested("k"), () -> monitor.nested(""),
        monitor::heldByCaller);

    cases.run("lambda-anonymous",
        () -> new LambdaService("n").create(new ArrayList<>(List.of(1, 2, 3)), 10));
    PrimitiveService prim = new PrimitiveService();
    cases.run("return-boolean", () -> prim.asBoolean(4));
    cases.run("return-byte", () -> prim.asByte(200));
    cases.run("return-char", () -> prim.asChar(2));
    cases.run("return-short", () -> prim.asShort(30));
    cases.run("return-int", () -> prim.asInt(-9));
    cases.run("return-long", () -> prim.asLong(3));
    cases.run("return-float", () -> prim.asFloat(10));
    cases.run("return-double", () -> prim.asDouble(-1));
    cases.run("return-void", () -> call(prim::asVoid, 7, prim::calls));
    cases.run("return-int-array", () -> prim.asInts(5));
    cases.run("return-string-array", () -> prim.asStrings("a", "b"));
    cases.run("return-long-grid", () -> prim.asGrid(1L));
    cases.run("static-no-params", ParamsService::tick, ParamsService::tick);
    cases.run("static-twelve-params", () -> ParamsService.mixed(true, (byte) -3, 'q', (short) 777, 42,
        5_000_000_000L, 0.5f, 2.25, "txt", new int[] {8, 9}, null, -1L));

    RecursiveService recursive = new RecursiveService();
    cases.run("recursion-self", () -> recursive.create(4));
    cases.run("recursion-other-op", () -> recursive.update("r"));
    cases.run("recursion-through-other-op", () -> recursive.activate(2));
    cases.run("interface-static", () -> Registry.create("k"), () -> Registry.create(" "));
    cases.run("interface-default", () -> new MapRegistry().update("x"));
    System.out.println("APP DONE");
  }

  /** Calls a void method, then reads what it did. */
  private static Object call(IntConsumer method, int arg, Supplier<Object> after) {
    method.accept(arg);
    return "void then " + after.get();
  }
}
