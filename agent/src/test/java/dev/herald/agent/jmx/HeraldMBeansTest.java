package dev.herald.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.bus.BusOptions;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.ThreadCounters;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeraldMBeansTest {

  @TempDir static Path classes;
  /** A configured service inheriting a write method from an unconfigured base, outside Herald's own packages. */
  private static Class<?> orderFixture;
  private static Class<?> baseFixture;

  @BeforeAll
  static void compileFixtures() throws Exception {
    Path source = Files.createDirectories(classes.resolve("src/com/acme"));
    Files.writeString(source.resolve("BaseFixture.java"),
        "package com.acme; public class BaseFixture { public void delete(long id) {} }");
    Files.writeString(source.resolve("OrderFixture.java"), "package com.acme; public class OrderFixture extends"
        + " BaseFixture { public void placeOrder(String item) {} public void placeOrder(String item, int count) {}"
        + " public String describe() { return \"\"; } }");
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        source.resolve("BaseFixture.java").toString(), source.resolve("OrderFixture.java").toString());
    assertThat(status).as("javac exit status").isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()});
    orderFixture = loader.loadClass("com.acme.OrderFixture");
    baseFixture = loader.loadClass("com.acme.BaseFixture");
  }

  private final MBeanServer server = MBeanServerFactory.newMBeanServer();
  private final DefaultEventBus bus = new DefaultEventBus(BusOptions.DEFAULTS);
  private final ServiceEntry orders = new ServiceEntry(0, 3, "com.acme.OrderFixture", "order",
      Map.of("placeOrder", "create"), true, true);
  private HeraldMBeans beans;

  @AfterEach
  void shutDown() {
    if (beans != null) {
      beans.close();
    }
    bus.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void busBeanCountsWhatWasPublishedAndDelivered() throws Exception {
    CountDownLatch delivered = new CountDownLatch(2);
    bus.subscribe("order.*.*", "audit:AuditListener", event -> delivered.countDown());
    beans = register(new ServiceCounters(1), new DeliveryTimes());

    bus.publish(event());
    bus.publish(event());
    assertThat(delivered.await(10, TimeUnit.SECONDS)).as("both events delivered").isTrue();
    assertThat(bus.flush(Duration.ofSeconds(10))).isTrue();

    ObjectName name = new ObjectName("dev.herald:type=Bus");
    assertThat(server.getAttribute(name, "Published")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "Delivered")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "Dropped")).isEqualTo(0L);
    assertThat(server.getAttribute(name, "Subscriptions")).isEqualTo(1);
    assertThat(server.getAttribute(name, "Overflow")).isEqualTo("block");
  }

  @Test
  void subscriptionBeansFollowTheBusAndNameThePlugin() throws Exception {
    DeliveryTimes times = new DeliveryTimes();
    CountDownLatch delivered = new CountDownLatch(1);
    Subscription audit = bus.subscribe("*.failed.*", "audit:AuditListener",
        times.timed("audit:AuditListener", "*.failed.*", event -> delivered.countDown()));
    beans = register(null, times);
    ObjectName name = new ObjectName("dev.herald:type=Subscription,name="
        + ObjectName.quote("audit:AuditListener") + ",pattern=" + ObjectName.quote("*.failed.*"));

    bus.publish(Event.builder("order", Phase.FAILED, "create").build());
    assertThat(delivered.await(10, TimeUnit.SECONDS)).as("the failed event delivered").isTrue();
    assertThat(bus.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(server.getAttribute(name, "Plugin")).isEqualTo("audit");
    assertThat(server.getAttribute(name, "Pattern")).isEqualTo("*.failed.*");
    assertThat(server.getAttribute(name, "Delivered")).isEqualTo(1L);
    assertThat((Double) server.getAttribute(name, "SlowestDeliveryMillis")).isGreaterThanOrEqualTo(0.0);

    audit.close();
    beans.syncSubscriptions();
    assertThat(server.isRegistered(name)).as("bean of a closed subscription").isFalse();
  }

  @Test
  void aSubscriptionMadeLaterHasItsBeanAtOnceAndAClosedOnesGoesWhenItIsNextRead() throws Exception {
    beans = register(null, new DeliveryTimes());
    ObjectName name = new ObjectName("dev.herald:type=Subscription,name="
        + ObjectName.quote("metrics:Counter") + ",pattern=" + ObjectName.quote("*.*.*"));

    Subscription counter = bus.subscribe("*.*.*", "metrics:Counter", event -> { });
    assertThat(server.isRegistered(name)).as("bean of a subscription made after registration").isTrue();

    counter.close();
    assertThat(server.getAttribute(name, "Delivered")).as("a closed subscription's bean reads zero").isEqualTo(0L);
    assertThat(server.isRegistered(name)).as("bean of a closed subscription, once read").isFalse();
  }

  @Test
  void controlOperationsNameTheirParameters() {
    Map<String, String> parameters = new java.util.TreeMap<>();
    for (javax.management.MBeanOperationInfo op : ControlView.mbean(null).getMBeanInfo().getOperations()) {
      for (javax.management.MBeanParameterInfo parameter : op.getSignature()) {
        parameters.put(op.getName(), parameter.getName());
      }
    }

    assertThat(parameters).containsOnly(
        Map.entry("enableService", "classPattern"), Map.entry("disableService", "classPattern"),
        Map.entry("removeService", "classPattern"), Map.entry("addService", "entryYaml"),
        Map.entry("stopPlugin", "name"), Map.entry("startPlugin", "name"), Map.entry("restartPlugin", "name"));
  }

  @Test
  void serviceBeanListsLoadedClassesTheirWriteMethodsAndCalls() throws Exception {
    ServiceCounters counters = new ServiceCounters(1);
    beans = register(counters, null);
    ThreadCounters.current().add(counters.forEntry(orders), 1);
    ThreadCounters.current().add(counters.forEntry(orders), 1);

    ObjectName name = new ObjectName("dev.herald:type=Service,index=0,class=" + ObjectName.quote(orders.classPattern()));
    assertThat((String[]) server.getAttribute(name, "InstrumentedClasses")).containsExactly("com.acme.OrderFixture");
    assertThat((String[]) server.getAttribute(name, "InstrumentedMethods")).containsExactlyInAnyOrder(
        "com.acme.OrderFixture.placeOrder(String) -> order.{before,after,failed}.create",
        "com.acme.OrderFixture.placeOrder(String, int) -> order.{before,after,failed}.create",
        "com.acme.OrderFixture.delete(long) -> order.{before,after,failed}.delete  (from com.acme.BaseFixture)");
    assertThat(server.getAttribute(name, "CallsSeen")).isEqualTo(2L);
    assertThat(server.getAttribute(name, "Entity")).isEqualTo("order");
  }

  @Test
  void serviceBeanNamesTheEventsOfAnAutoEntityByTheEntityItResolvedTo() throws Exception {
    ServiceEntry auto = new ServiceEntry(0, 3, "com.acme.Order*", "auto", Map.of("placeOrder", "create"), false, true);
    beans = HeraldMBeans.register(server, bus, List.of(auto),
        () -> new Class<?>[] {orderFixture, baseFixture}, null, null);

    ObjectName name = new ObjectName("dev.herald:type=Service,index=0,class=" + ObjectName.quote(auto.classPattern()));
    assertThat(server.getAttribute(name, "Entity")).isEqualTo("auto");
    assertThat((String[]) server.getAttribute(name, "InstrumentedMethods")).containsExactlyInAnyOrder(
        "com.acme.OrderFixture.placeOrder(String) -> orderFixture.{before,after,failed}.create",
        "com.acme.OrderFixture.placeOrder(String, int) -> orderFixture.{before,after,failed}.create");
  }

  @Test
  void closeUnregistersEveryBean() throws Exception {
    bus.subscribe("*.*.*", "console:Printer", event -> { });
    beans = register(null, null);
    List<ObjectName> names = beans.names();
    assertThat(names).hasSize(3);

    beans.close();

    assertThat(names).noneMatch(server::isRegistered);
  }

  private HeraldMBeans register(ServiceCounters counters, DeliveryTimes times) {
    return HeraldMBeans.register(server, bus, List.of(orders),
        () -> new Class<?>[] {orderFixture, baseFixture, String.class}, counters, times);
  }

  private static Event event() {
    return Event.builder("order", Phase.AFTER, "create").build();
  }
}
