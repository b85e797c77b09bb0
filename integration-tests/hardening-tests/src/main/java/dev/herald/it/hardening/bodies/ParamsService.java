package dev.herald.it.hardening.bodies;

import java.util.Arrays;

/**
 * Configured (entity {@code params}); static write methods with no parameters (the woven code has
 * no slot 0 to take from) and with twelve of mixed widths (the last a long), so that the token's
 * slot comes after slot 14.
 */
public final class ParamsService {

  private static int ticks;

  private ParamsService() {}

  public static int tick() {
    ticks++;
    return ticks;
  }

  public static String mixed(boolean flag, byte b, char c, short s, int i, long l, float f,
      double d, String text, int[] values, Object any, long last) {
    long local = l + last;
    double mix = d + f;
    return flag + "/" + b + "/" + c + "/" + s + "/" + i + "/" + local + "/" + mix + "/" + text + "/"
        + Arrays.toString(values) + "/" + any + "/" + last;
  }
}
