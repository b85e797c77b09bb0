/**
 * A corpus of service classes in the bytecode shapes that instrumentation must survive: generics
 * and bridges, varargs, long/double and array parameters, synchronized methods, interface default
 * methods, records, enums with constant bodies, nested, inner, local and anonymous classes, sealed
 * hierarchies, checked exceptions and recursion.
 *
 * <p>{@link dev.herald.it.hardening.shapes.ShapesMain} calls each shape once per case and prints
 * {@code event <case> ...} and {@code result <case>=...} lines; run with and without the agent, the
 * results must be the same and each call must emit exactly once. The near-64 KB method is not here:
 * the test generates and compiles it ({@code dev.herald.it.hardening.gen}).
 */
package dev.herald.it.hardening.shapes;
