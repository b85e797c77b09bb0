package dev.herald.bench.service;

/** The write interface of the benchmarked service; the JDK-proxy baseline wraps it. */
public interface Accounts {

  /** Creates an account; returns its name. Trivial on purpose: the benchmarks measure what wraps it. */
  String create(String name);
}
