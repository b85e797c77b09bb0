/**
 * Herald seen from outside: JMX MBeans under {@code dev.herald} (the bus, each subscription, each
 * {@code services} entry) and the one-line summary logged at exit. See {@code docs/operations.md}
 * for every attribute.
 *
 * <p>The agent wires it up: {@link dev.herald.agent.jmx.HeraldMBeans#register} once started, the
 * listener wrapper of {@link dev.herald.agent.jmx.DeliveryTimes} as plugins subscribe, and {@link
 * dev.herald.agent.jmx.ServiceCounters#forEntry} in its dispatcher.
 */
package dev.herald.agent.jmx;
