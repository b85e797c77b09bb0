package dev.herald.it.hardening;

import java.nio.file.Path;
import java.util.Map;

/**
 * Generates and compiles the services with one long straight-line method each, for the 64 KB
 * method-code limit. Each statement {@code x = x * 31 + 1000;} compiles to 9 bytes (iload_1,
 * bipush, imul, sipush, iadd, istore_1), so {@code create(int)} has {@code 9 * n + 2} bytes.
 */
final class GeneratedServices {

  static final String PACKAGE = "dev.herald.it.hardening.gen";
  /** 65,513 bytes: 22 below the limit, less than the woven code's entry alone (about 45 bytes). */
  static final int NEAR_LIMIT_STATEMENTS = 7279;
  /**
   * 52,202 bytes: large, with room for the woven code, were it to move the parameter's slot too
   * (each 1-byte {@code iload_1}/{@code istore_1} would then take 2 bytes).
   */
  static final int LARGE_STATEMENTS = 5800;

  private GeneratedServices() {}

  /** Compiles NearLimitService and LargeService into {@code classes}; returns it. */
  static Path compile(Path classes) {
    return Sources.compile(classes, Map.of(
        PACKAGE + ".NearLimitService", source("NearLimitService", NEAR_LIMIT_STATEMENTS),
        PACKAGE + ".LargeService", source("LargeService", LARGE_STATEMENTS)));
  }

  /** What {@code create(input)} returns, computed here the way the generated code does. */
  static int expected(int input, int statements) {
    int x = input;
    for (int i = 0; i < statements; i++) {
      x = x * 31 + 1000;
    }
    return x;
  }

  private static String source(String simpleName, int statements) {
    StringBuilder source = new StringBuilder("package " + PACKAGE + ";\n\n")
        .append("public class ").append(simpleName).append(" {\n")
        .append("  public int create(int x) {\n");
    for (int i = 0; i < statements; i++) {
      source.append("    x = x * 31 + 1000;\n");
    }
    return source.append("    return x;\n  }\n}\n").toString();
  }
}
