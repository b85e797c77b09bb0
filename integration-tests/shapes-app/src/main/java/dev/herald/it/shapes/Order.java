package dev.herald.it.shapes;

/** An order, the entity of {@link OrderService}. */
public record Order(String id, long cents) {}
