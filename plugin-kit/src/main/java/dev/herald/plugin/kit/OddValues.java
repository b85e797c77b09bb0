package dev.herald.plugin.kit;

import dev.herald.api.Phase;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Argument and result values that break naive listeners: nulls, cycles, huge and deeply nested
 * structures, streams and sockets, lazy-loading proxies, objects whose methods throw.
 *
 * <p>Each call builds fresh values (a stream can be consumed once). The maps keep insertion order
 * and may hold null values; keys describe the value, for failure messages.
 */
public final class OddValues {

  /** Elements in the huge list; past any sensible limit of a listener that prints or serializes. */
  public static final int HUGE_SIZE = 200_000;

  private OddValues() {}

  /** Odd argument and result values by description. Unmodifiable; values may be null. */
  public static Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("null", null);
    List<Object> selfContaining = new ArrayList<>();
    selfContaining.add("head");
    selfContaining.add(selfContaining);
    values.put("list containing itself", selfContaining);
    Map<String, Object> first = new HashMap<>();
    Map<String, Object> second = new HashMap<>();
    first.put("next", second);
    second.put("next", first);
    values.put("two maps referring to each other", first);
    values.put("object graph with a cycle", Node.cycle());
    values.put("huge list", new ArrayList<>(IntStream.range(0, HUGE_SIZE).boxed().toList()));
    values.put("huge string", "x".repeat(1_000_000));
    values.put("huge byte array", new byte[4 * 1024 * 1024]);
    values.put("deeply nested lists", nested(2_000));
    values.put("input stream", new ByteArrayInputStream(new byte[] {1, 2, 3}));
    values.put("unconnected socket", new Socket());
    values.put("stream", Stream.of(1, 2, 3));
    values.put("iterator", List.of(1, 2).iterator());
    values.put("thread", Thread.currentThread());
    values.put("class loader", OddValues.class.getClassLoader());
    values.put("lazy proxy", lazyProxy());
    values.put("hostile object", new Hostile());
    values.put("lambda", (Runnable) () -> { });
    values.put("array with nulls", new Object[] {null, "b", null});
    values.put("int array", new int[] {1, 2, 3});
    values.put("decimal", new BigDecimal("30.00"));
    values.put("not a number", Double.NaN);
    values.put("infinity", Double.NEGATIVE_INFINITY);
    values.put("control characters", "tab\t nul\u0000 quote\" emoji\uD83D\uDE00 lone\uD800 end");
    values.put("instant", Instant.EPOCH);
    values.put("class", String.class);
    values.put("enum", Phase.AFTER);
    values.put("map with null key and value", nullKeyMap());
    return Collections.unmodifiableMap(values);
  }

  /** Odd throwables for failed events, by description. Unmodifiable. */
  public static Map<String, Throwable> errors() {
    Map<String, Throwable> errors = new LinkedHashMap<>();
    errors.put("no message", new IllegalStateException());
    errors.put("message that throws", new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("getMessage refused");
      }
    });
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    errors.put("cause cycle", a);
    errors.put("huge message", new IllegalArgumentException("m".repeat(1_000_000)));
    errors.put("error, not exception", new StackOverflowError("deep"));
    RuntimeException suppressing = new RuntimeException("with suppressed");
    suppressing.addSuppressed(new IllegalStateException("suppressed"));
    errors.put("suppressed", suppressing);
    return Collections.unmodifiableMap(errors);
  }

  private static Object nested(int depth) {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < depth; i++) {
      List<Object> child = new ArrayList<>();
      current.add(child);
      current = child;
    }
    return root;
  }

  private static Map<Object, Object> nullKeyMap() {
    Map<Object, Object> map = new HashMap<>();
    map.put(null, "null key");
    map.put("null value", null);
    return map;
  }

  /** Like a Hibernate proxy whose session is closed: every call, even toString, throws. */
  private static LazyEntity lazyProxy() {
    return (LazyEntity) Proxy.newProxyInstance(
        OddValues.class.getClassLoader(), new Class<?>[] {LazyEntity.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("could not initialize proxy - no Session");
        });
  }

  /** The interface of the lazy proxy in {@link #values()}. */
  public interface LazyEntity {
    /** Throws, like an uninitialized proxy. */
    long getId();

    /** Throws, like an uninitialized proxy. */
    String getName();
  }

  /** A bean whose getter, {@code toString}, {@code equals} and {@code hashCode} all throw. */
  public static final class Hostile {
    /** Throws. */
    public String getSecret() {
      throw new UnsupportedOperationException("getter refused");
    }

    @Override
    public String toString() {
      throw new UnsupportedOperationException("toString refused");
    }

    @Override
    public boolean equals(Object other) {
      throw new UnsupportedOperationException("equals refused");
    }

    @Override
    public int hashCode() {
      throw new UnsupportedOperationException("hashCode refused");
    }
  }

  /** A bean in a cycle: {@code getNext()} leads back to where it started. */
  public static final class Node {
    private final String name;
    private Node next;

    private Node(String name) {
      this.name = name;
    }

    static Node cycle() {
      Node a = new Node("a");
      Node b = new Node("b");
      a.next = b;
      b.next = a;
      return a;
    }

    /** The node's name. */
    public String getName() {
      return name;
    }

    /** The next node; never null, eventually this one again. */
    public Node getNext() {
      return next;
    }

    @Override
    public String toString() {
      return "Node[" + name + " -> " + next + "]"; // recurses forever, as careless code does
    }
  }
}
