package dev.herald.it.hardening.shapes;

/** A configured sealed interface implemented by records. */
public sealed interface Shape permits Circle, Square {

  double update(double scale);
}

/** A record implementing the sealed interface. */
record Circle(double radius) implements Shape {
  @Override
  public double update(double scale) {
    return Math.PI * radius * radius * scale;
  }
}

/** A record implementing the sealed interface. */
record Square(double side) implements Shape {
  @Override
  public double update(double scale) {
    return side * side * scale;
  }
}
