package dev.herald.agent.config;

import java.util.List;

/**
 * Derives the entity of {@code entity: auto} from a class name: {@code
 * com.acme.legacy.LegacyUserService} is {@code legacyUser}.
 */
final class AutoEntity {

  /** Longest first, so that FooServiceImpl loses ServiceImpl, not Impl. */
  private static final List<String> SUFFIXES =
      List.of("ServiceImpl", "Repository", "Service", "Manager", "Impl", "Dao", "DAO");

  private AutoEntity() {}

  /**
   * The simple name after the last '.' and '$', without one trailing suffix (Service, ServiceImpl,
   * Repository, Dao, DAO, Manager, Impl), first letter lower-cased. A name that is only a suffix
   * ({@code Service}) keeps it: {@code service}.
   */
  static String of(String binaryClassName) {
    int start = Math.max(binaryClassName.lastIndexOf('.'), binaryClassName.lastIndexOf('$')) + 1;
    String simple = binaryClassName.substring(start);
    for (String suffix : SUFFIXES) {
      if (simple.length() > suffix.length() && simple.endsWith(suffix)) {
        simple = simple.substring(0, simple.length() - suffix.length());
        break;
      }
    }
    if (simple.isEmpty()) {
      return simple;
    }
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }
}
