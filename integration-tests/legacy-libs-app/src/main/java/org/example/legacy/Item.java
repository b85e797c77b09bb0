package org.example.legacy;

/** One stock line of the inventory; immutable. */
public record Item(String sku, int quantity) {}
