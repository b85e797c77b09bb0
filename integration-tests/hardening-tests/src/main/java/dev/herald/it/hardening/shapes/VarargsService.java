package dev.herald.it.hardening.shapes;

/** Configured; varargs write methods, one with a leading fixed parameter. */
public class VarargsService {

  public String create(String... tags) {
    return String.join("+", tags) + "#" + tags.length;
  }

  public int update(int first, Object... rest) {
    return first * 10 + rest.length;
  }
}
