package dev.herald.it.shapes;

/**
 * A service of an application server's shared libraries (here: the application's loader), which
 * web applications hand their own objects to; see {@link LoadingScenarios#undeploy}.
 */
public class SharedStore {

  public Object create(Object item) {
    return item;
  }
}
