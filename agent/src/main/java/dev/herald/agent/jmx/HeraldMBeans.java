package dev.herald.agent.jmx;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * Herald's MBeans under {@value #DOMAIN}: {@code type=Bus}, one {@code type=Subscription} per live
 * subscription, one {@code type=Service} per {@code services} entry, and {@code type=Control} for
 * live changes. Subscription beans follow the bus: a new subscription's bean is registered as it
 * is made, and a closed one's is removed at the next read of a subscription bean or the bus bean,
 * so that Herald keeps no thread of its own for JMX. Beans of subscriptions that share a name and
 * pattern are told apart by their order ({@code n=1}, ...), so when an earlier one closes a later
 * one's counters move to its bean name.
 *
 * <p>Safe for concurrent use. Registration problems are logged once and never thrown: JMX is an
 * aid, the application runs on without it.
 */
public final class HeraldMBeans implements AutoCloseable {

  /** The JMX domain. */
  public static final String DOMAIN = "dev.herald";
  private static final Logger log = AgentLog.get(HeraldMBeans.class);

  private final MBeanServer server;
  private final DefaultEventBus bus;
  private final DeliveryTimes times;
  private final List<ObjectName> fixed = new ArrayList<>();
  private final List<ObjectName> services = new ArrayList<>();
  private Supplier<Class<?>[]> loadedClasses;
  private ServiceCounters counters;
  private final Map<SubscriptionKey, ObjectName> subscriptions = new LinkedHashMap<>();
  private boolean closed;

  private HeraldMBeans(MBeanServer server, DefaultEventBus bus, DeliveryTimes times) {
    this.server = server;
    this.bus = bus;
    this.times = times;
  }

  /**
   * Registers the beans on the platform MBean server.
   *
   * @param inst lists the loaded classes for the service beans
   * @param counters counts calls per entry; null if the agent does not count (CallsSeen reads -1)
   * @param times the slowest deliveries of timed subscriptions; null for none (reads -1)
   * @param control live changes, offered as {@code type=Control}; null for none
   */
  public static HeraldMBeans register(DefaultEventBus bus, List<ServiceEntry> services, Instrumentation inst,
      ServiceCounters counters, DeliveryTimes times, AgentControl control) {
    HeraldMBeans beans = register(ManagementFactory.getPlatformMBeanServer(), bus, services,
        inst::getAllLoadedClasses, counters, times);
    if (control != null) {
      beans.add(name("type=Control"), ControlView.mbean(control));
    }
    return beans;
  }

  /** Registers on {@code server}; for tests. */
  static HeraldMBeans register(MBeanServer server, DefaultEventBus bus, List<ServiceEntry> services,
      Supplier<Class<?>[]> loadedClasses, ServiceCounters counters, DeliveryTimes times) {
    HeraldMBeans beans = new HeraldMBeans(server, bus, times != null ? times : new DeliveryTimes());
    beans.add(name("type=Bus"), new BusView(bus, beans::syncSubscriptions));
    beans.loadedClasses = loadedClasses;
    beans.counters = counters;
    beans.replaceServices(services);
    // A new subscription's bean appears as it is made; a closed one's goes at the next read of it
    // (see find) or of the Bus bean: close() promises never to wait, so it does not sync.
    bus.onSubscribed(beans::syncSubscriptions);
    beans.syncSubscriptions();
    return beans;
  }

  /** Replaces the {@code type=Service} beans with those of {@code entries}. Never throws. */
  public synchronized void replaceServices(List<ServiceEntry> entries) {
    services.forEach(this::unregister);
    services.clear();
    LoadedServices loaded = new LoadedServices(entries, loadedClasses);
    for (ServiceEntry entry : entries) {
      ObjectName name = name("type=Service,index=" + entry.index() + ",class=" + ObjectName.quote(entry.classPattern()));
      if (register(name, new ServiceEntryView(entry, loaded, counters))) {
        services.add(name);
      }
    }
  }

  /** Registers beans for new subscriptions and unregisters those of closed ones. Never throws. */
  public synchronized void syncSubscriptions() {
    if (closed) {
      return; // a hook call that began before close(): registers nothing that close() would miss
    }
    try {
      List<SubscriptionKey> live = SubscriptionKey.of(bus.statistics().subscriptions());
      Set<SubscriptionKey> gone = new HashSet<>(subscriptions.keySet());
      gone.removeAll(live);
      for (SubscriptionKey key : gone) {
        unregister(subscriptions.remove(key));
      }
      for (SubscriptionKey key : live) {
        if (!subscriptions.containsKey(key)) {
          ObjectName name = name("type=Subscription," + key.objectNameProperties());
          if (register(name, new SubscriptionView(key, () -> find(key), times))) {
            subscriptions.put(key, name);
          }
        }
      }
    } catch (RuntimeException e) {
      log.debug("JMX: syncing subscription beans failed", e);
    }
  }

  private dev.herald.api.SubscriptionStatistics find(SubscriptionKey wanted) {
    var snapshot = bus.statistics().subscriptions();
    List<SubscriptionKey> keys = SubscriptionKey.of(snapshot);
    int at = keys.indexOf(wanted);
    if (at < 0) {
      syncSubscriptions(); // closed: its bean goes now that someone looks at it
      return null;
    }
    return snapshot.get(at);
  }

  /** The names of the beans registered now. */
  public synchronized List<ObjectName> names() {
    List<ObjectName> all = new ArrayList<>(fixed);
    all.addAll(services);
    all.addAll(subscriptions.values());
    return all;
  }

  /** Unregisters every bean. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    bus.onSubscribed(() -> { });
    fixed.forEach(this::unregister);
    services.forEach(this::unregister);
    subscriptions.values().forEach(this::unregister);
    fixed.clear();
    services.clear();
    subscriptions.clear();
  }

  private synchronized void add(ObjectName name, Object bean) {
    if (register(name, bean)) {
      fixed.add(name);
    }
  }

  private boolean register(ObjectName name, Object bean) {
    try {
      if (server.isRegistered(name)) { // a second agent start in one JVM, or a class loader leak
        server.unregisterMBean(name);
      }
      server.registerMBean(bean, name);
      return true;
    } catch (JMException | RuntimeException e) {
      log.warn("JMX: could not register {}: {}", name, e.toString());
      return false;
    }
  }

  private void unregister(ObjectName name) {
    try {
      server.unregisterMBean(name);
    } catch (JMException | RuntimeException ignored) {
      // already gone: nothing to undo
    }
  }

  static ObjectName name(String properties) {
    try {
      return new ObjectName(DOMAIN + ":" + properties);
    } catch (JMException e) {
      throw new IllegalArgumentException(properties, e);
    }
  }
}
