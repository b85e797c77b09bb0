package dev.herald.it.hardening.shapes;

/** Holds a configured static nested class ({@code Outer$Nested}) and a configured inner class ({@code Outer$Inner}). */
public class Outer {

  private final String prefix;

  public Outer(String prefix) {
    this.prefix = prefix;
  }

  /** Configured as {@code dev.herald.it.hardening.shapes.Outer$Nested}. */
  public static class Nested {
    public String create(String name) {
      return "nested:" + name;
    }
  }

  /** Configured as {@code dev.herald.it.hardening.shapes.Outer$Inner}; reads its outer instance. */
  public class Inner {
    public String create(String name) {
      return prefix + ":" + name;
    }
  }
}
