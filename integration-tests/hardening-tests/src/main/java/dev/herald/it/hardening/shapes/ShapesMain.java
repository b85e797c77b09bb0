package dev.herald.it.hardening.shapes;

import dev.herald.api.Event;
import dev.herald.api.Herald;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Calls every shape of the corpus, one case at a time, and prints for each case {@code event
 * <case> <name> <invocationId> <className>#<methodName>} per event it received, then {@code result
 * <case>=<value>}. Runs the same with and without the agent (then no events are printed).
 */
public final class ShapesMain {

  private static final List<Event> SEEN = new CopyOnWriteArrayList<>();

  private ShapesMain() {}

  public static void main(String[] args) throws Exception {
    Herald.bus().on("*.*.*", SEEN::add);
    OrderStore store = new OrderStore();
    GenericStore<Order, Long> base = store;
    run("bridge-direct", () -> store.create(new Order(1, "pen")));
    run("bridge-via-base", () -> base.create(new Order(2, "ink")));
    run("varargs", () -> new VarargsService().create("a", "b", "c"));
    run("varargs-fixed", () -> new VarargsService().update(4, "x", 2L, null));
    run("wide-primitives", () -> new LedgerService().update(Long.MAX_VALUE / 4, 12.5,
        new int[] {1, 2, 3}, new long[][] {{4L}, {5L, 6L}}, 'z', true, (byte) -7, (short) 300, 2.75f));
    run("double-long", () -> new LedgerService().upsert(-0.5, 7L));
    run("array-result", () -> java.util.Arrays.toString(new LedgerService().create(new int[] {1, 2})));
    LockService lock = new LockService();
    run("synchronized", () -> lock.update(5));
    run("static-synchronized", () -> LockService.create(3));
    run("synchronized-block", () -> lock.delete(2));
    run("default-method", () -> new ProfileService().activate("ann"));
    run("record", () -> new Money(100, "EUR").update(25));
    run("enum", () -> Light.RED.update("start"));
    run("enum-constant-body", () -> Light.GREEN.update("go"));
    run("enum-activate", () -> Light.GREEN.activate());
    run("nested", () -> new Outer.Nested().create("n"));
    run("inner", () -> new Outer("outer").new Inner().create("i"));
    run("anonymous", () -> new Counter() {
      @Override
      protected int step() {
        return 10;
      }
    }.create(1));
    run("local", () -> {
      class Local extends Counter {
        @Override
        protected int step() {
          return 100;
        }
      }
      return new Local().create(2);
    });
    run("sealed-override", () -> pick("car").create("AB-1"));
    run("sealed-inherited", () -> pick("truck").create("CD-2"));
    run("sealed-interface-record", () -> shape(true).update(2.0));
    run("checked-ok", () -> new FileService().update("notes"));
    run("checked-thrown", () -> {
      new FileService().delete("missing.txt");
      return "not thrown";
    });
    run("recursion", () -> new TreeService().create(3));
    run("nested-other-op", () -> new TreeService().activate("root"));
    run("near-limit", () -> generated("NearLimitService", 7));
    run("large", () -> generated("LargeService", 7));
    System.out.println("APP DONE");
  }

  private static Vehicle pick(String kind) {
    return kind.equals("car") ? new Car() : new Truck();
  }

  private static Shape shape(boolean round) {
    return round ? new Circle(1.5) : new Square(2);
  }

  /** Calls {@code create(int)} of a class the test generated, if it is on the class path. */
  private static Object generated(String simpleName, int input) throws Exception {
    Class<?> type;
    try {
      type = Class.forName("dev.herald.it.hardening.gen." + simpleName);
    } catch (ClassNotFoundException absent) {
      return "absent";
    }
    Object service = type.getDeclaredConstructor().newInstance();
    return type.getMethod("create", int.class).invoke(service, input);
  }

  private static void run(String name, Callable<Object> call) {
    String result;
    try {
      result = String.valueOf(call.call());
    } catch (Exception e) {
      result = "threw " + e;
    }
    if (!Herald.bus().flush(Duration.ofSeconds(20))) {
      System.out.println("flush-timeout " + name);
    }
    for (Event e : SEEN) {
      System.out.println("event " + name + " " + e.name() + " " + e.invocationId() + " "
          + e.className() + "#" + e.methodName());
    }
    SEEN.clear();
    System.out.println("result " + name + "=" + result);
  }
}
