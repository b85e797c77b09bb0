package dev.herald.it.hardening.bodies;

/** Not configured itself; implements the configured {@link Registry} and inherits its default method. */
public class MapRegistry implements Registry {

  @Override
  public String name() {
    return "map";
  }
}
