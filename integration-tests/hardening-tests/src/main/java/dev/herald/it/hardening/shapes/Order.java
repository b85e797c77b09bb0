package dev.herald.it.hardening.shapes;

/** A value for {@link OrderStore}. */
public record Order(long id, String item) {}
