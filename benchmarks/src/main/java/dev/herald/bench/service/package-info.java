/**
 * The service under measurement: one trivial write method, woven by Herald or AspectJ, wrapped by
 * a JDK proxy or a hand-written hand-off, or called plainly, depending on the benchmark case.
 */
package dev.herald.bench.service;
