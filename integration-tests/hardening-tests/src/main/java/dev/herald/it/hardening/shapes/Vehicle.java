package dev.herald.it.hardening.shapes;

/** A configured sealed class: {@code Car} overrides {@code create}, {@code Truck} inherits it. */
public abstract sealed class Vehicle permits Car, Truck {

  public String create(String plate) {
    return kind() + ":" + plate;
  }

  abstract String kind();
}

/** Overrides and calls super: one event, not two. */
final class Car extends Vehicle {
  @Override
  public String create(String plate) {
    return "car/" + super.create(plate);
  }

  @Override
  String kind() {
    return "car";
  }
}

/** Inherits {@code create}. */
non-sealed class Truck extends Vehicle {
  @Override
  String kind() {
    return "truck";
  }
}
