/**
 * Method bodies in the shapes that a bytecode weaver gets wrong: a loop whose head is the first
 * instruction, more than 256 local slots, wide parameters next to wide locals, try/catch/finally
 * with returns and throws on every path, switches and loops with many returns, synchronized blocks
 * left by return and by throw, lambdas and anonymous classes made inside a write method, every
 * primitive and array result, static methods with no and with twelve parameters, recursion, and
 * static and default methods of a configured interface.
 *
 * <p>A weaver that inserts code at method start, moves the method's locals up by a slot, wraps the
 * body in a catch-all handler and reports at each return must keep every one of them verifiable and
 * unchanged. {@link dev.herald.it.hardening.bodies.BodiesMain} calls each shape and prints what it
 * returned and every event it caused, with arguments, result and error; {@code MethodBodiesIT}
 * runs it under {@code -Xverify:all} with the agent and without it.
 */
package dev.herald.it.hardening.bodies;
