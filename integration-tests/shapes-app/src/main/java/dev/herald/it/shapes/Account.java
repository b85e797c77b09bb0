package dev.herald.it.shapes;

/** An account, the entity of {@link AccountService}. */
public record Account(String id, String owner) {}
