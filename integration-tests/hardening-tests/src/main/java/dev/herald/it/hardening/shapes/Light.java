package dev.herald.it.hardening.shapes;

/**
 * A configured enum; GREEN has a constant body (an anonymous subclass, {@code Light$1}) that
 * overrides {@code update} and calls the enum's own.
 */
public enum Light {
  RED,
  GREEN {
    @Override
    public String update(String reason) {
      return "green/" + super.update(reason);
    }
  };

  public String update(String reason) {
    return name().toLowerCase(java.util.Locale.ROOT) + ":" + reason;
  }

  public Light activate() {
    return values()[(ordinal() + 1) % values().length];
  }
}
