/**
 * Services matched by one class glob with {@code entity: auto}: one per suffix that the automatic
 * entity name drops ({@code LegacyUserService} becomes {@code legacyUser}).
 */
package dev.herald.it.shapes.auto;
