package dev.herald.it.hardening.shapes;

/** Configured; inherits {@code activate} from {@link Auditable}'s default method. */
public class ProfileService implements Auditable {

  public String deactivate(String who) {
    return "inactive:" + who;
  }
}
