package dev.herald.agent.plugin;

import dev.herald.api.Event;
import dev.herald.api.EventListener;

/**
 * Calls a plugin's listener with the plugin's class loader as the delivery thread's context class
 * loader, and restores the previous one afterwards, whatever the listener does. Delivery threads
 * are shared by all plugins, so without this a library inside one plugin (a JDBC driver, a JSON
 * provider found with {@code ServiceLoader}) would look in whatever loader the thread last had.
 */
final class ContextClassLoaderListener implements EventListener {

  private final EventListener listener;
  private final ClassLoader loader;

  ContextClassLoaderListener(EventListener listener, ClassLoader loader) {
    this.listener = listener;
    this.loader = loader;
  }

  @Override
  public void onEvent(Event event) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      listener.onEvent(event);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public String toString() {
    return listener.toString();
  }
}
