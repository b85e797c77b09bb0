package dev.herald.it.shapes;

/**
 * Configured with {@code methods: {"*": touch}}: every method name matches, yet only {@link #touch}
 * and {@link #task} may emit. Its constructor, its private method, its static initializer and the
 * body of the lambda {@link #task} returns are never instrumented.
 */
public class CatalogService {

  private static final String KIND = "catalog";
  // A field, not a getter: every non-private method matches "*" and would emit.
  int secrets;

  public CatalogService() {
    secrets = 0;
  }

  public String touch(String id) {
    return KIND + ":" + id;
  }

  /** Returns a lambda; the app runs it after this method returned. */
  public Runnable task() {
    return () -> secrets++;
  }

  private void secret() {
    secrets++;
  }

  /** Calls the private method from outside any instrumented method (nestmate access). */
  static final class Helper {
    private Helper() {}

    static void callSecret(CatalogService catalog) {
      catalog.secret();
    }
  }
}
