package dev.herald.it.hardening.shapes;

/** Unconfigured interface whose default method a configured class inherits. */
public interface Auditable {

  default String activate(String who) {
    return "active:" + who + ":" + getClass().getSimpleName();
  }
}
