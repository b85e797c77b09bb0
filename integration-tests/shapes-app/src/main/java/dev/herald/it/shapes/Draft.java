package dev.herald.it.shapes;

/** A draft, the entity of the never-configured {@link DraftService}. */
public record Draft(String id) {}
