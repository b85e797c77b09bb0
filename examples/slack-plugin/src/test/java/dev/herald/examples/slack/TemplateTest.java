package dev.herald.examples.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.plugin.kit.OddValues;
import dev.herald.plugin.kit.TestEvents;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateTest {

  record Customer(String email, Address address) {}

  record Address(String city) {}

  /** A bean with a getter. */
  public static final class Account {
    public String getLogin() {
      return "alice";
    }
  }

  private static String render(String template, Event event) {
    return new Template(template).render(event, 300);
  }

  @Test
  void reachesIntoArgumentsResultAndError() {
    Event after = TestEvents.after("order", "create", Map.of("id", 7, "lines", List.of("book")),
        new Customer("a@example.com", new Address("Oslo")), new Account(), new int[] {4, 5});
    Event failed = TestEvents.failed("order", "create", new IllegalStateException("no stock"));

    assertThat(render("{args[0].email} {args[0].address.city} {args[1].login} {args[2][1]}", after))
        .isEqualTo("a@example.com Oslo alice 5");
    assertThat(render("{result.id} {result.lines[0]} {result.lines}", after)).isEqualTo("7 book [book]");
    assertThat(render("{error.class}: {error.message}", failed)).isEqualTo("IllegalStateException: no stock");
  }

  @Test
  void readsTheEventsOwnFields() {
    Event event = TestEvents.builder("order", Phase.AFTER, "create").invocationId(42).build();

    assertThat(render("{name} {entity} {phase} {operation} {actor} {userId} {traceId} #{invocationId} {class}.{method} {duration}", event))
        .isEqualTo("order.after.create order after create alice u-1 trace-1 #42 com.acme.orders.OrderService.placeOrder 3.1 ms");
  }

  @Test
  void keepsPlaceholdersThatLeadNowhereAndRendersNullAsEmpty() {
    Event event = TestEvents.after("order", "create", null, new Customer(null, null));

    assertThat(render("{result.id}|{args[0].email}|{args[0].address.city}|{args[3]}|{args[0].phone}|{nope}", event))
        .isEqualTo("{result.id}||{args[0].address.city}|{args[3]}|{args[0].phone}|{nope}");
  }

  @Test
  void leavesBracesThatAreNoPathAlone() {
    assertThat(render("{ not a path } {} {{name}}", TestEvents.before("order", "create")))
        .isEqualTo("{ not a path } {} {order.before.create}");
  }

  @Test
  void escapesSubstitutedValuesButNotTheTemplatesOwnText() {
    Event event = TestEvents.before("merchant", "rename", "<!channel> Tom & Jerry <https://evil.example/login|Payments portal>");

    assertThat(render("<https://status.example|Status>: renamed to {args[0]} & more", event))
        .isEqualTo("<https://status.example|Status>: renamed to "
            + "&lt;!channel&gt; Tom &amp; Jerry &lt;https://evil.example/login|Payments portal&gt; & more");
  }

  @Test
  void readsAHugeCollectionOnlyAsFarAsTheLengthLimit() {
    AtomicInteger read = new AtomicInteger();
    List<Integer> huge = new AbstractList<>() {
      @Override
      public Integer get(int index) {
        read.incrementAndGet();
        return index;
      }

      @Override
      public int size() {
        return 3_000_000;
      }
    };
    Event event = TestEvents.before("payment", "update", huge, Map.of("ids", huge));

    String text = render("updated {args[0]} and {args[1]}", event);

    assertThat(text).startsWith("updated [0, 1, 2, 3, ").contains("… and {ids=[0, 1, 2, ").endsWith("…")
        .hasSize("updated  and ".length() + 2 * 300);
    assertThat(read.get()).as("elements read of 2 x 3,000,000").isLessThan(500);
  }

  @Test
  void survivesHostileValues() {
    Map<String, Object> odd = OddValues.values();
    Event event = TestEvents.before("order", "create", odd.get("hostile object"), odd.get("lazy proxy"),
        odd.get("object graph with a cycle"), odd.get("huge string"));

    assertThat(render("{args[0]} {args[0].secret} {args[1].name} {args[2]} {args[3]}", event))
        .startsWith("&lt;Hostile&gt; {args[0].secret} {args[1].name} &lt;Node&gt; xxxx").hasSizeLessThan(400);
  }

  @Test
  void aCollectionThatCannotBeReadIsShownByItsTypeAndTheRestGoesOn() {
    // a lazy collection read outside its session, as values are read after the call
    List<Object> lazy = new java.util.AbstractList<>() {
      @Override
      public Object get(int index) {
        throw new IllegalStateException("failed to lazily initialize a collection - no Session");
      }

      @Override
      public int size() {
        throw new IllegalStateException("failed to lazily initialize a collection - no Session");
      }
    };

    String text = ValueText.render(List.of("before", lazy, "after"), 200);

    assertThat(text).startsWith("[before, <").contains(": could not be read>").endsWith(", after]");
  }
}
