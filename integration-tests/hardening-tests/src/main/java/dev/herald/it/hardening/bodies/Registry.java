package dev.herald.it.hardening.bodies;

/**
 * A configured interface (entity {@code registry}) with a static and a default write method, both
 * woven into the interface itself. {@link MapRegistry}, which is not configured, inherits the
 * default method and emits as a {@code Registry}.
 */
public interface Registry {

  String name();

  static String create(String key) {
    if (key.isBlank()) {
      throw new IllegalArgumentException("blank key");
    }
    return "registered " + key;
  }

  default String update(String key) {
    String found = name() + "/" + key;
    for (int i = 0; i < 2; i++) {
      found = found + i;
    }
    return found;
  }
}
