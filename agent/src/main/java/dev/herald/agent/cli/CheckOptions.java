package dev.herald.agent.cli;

import java.util.List;

/**
 * The arguments of {@code check}: {@code <herald.yaml> [--classpath <path>] [--strict] [--json]
 * [--max-matches <n>]}.
 *
 * @param classpath the application's class path, or null when not given
 * @param maxMatches a glob naming more classes than this is warned about
 */
record CheckOptions(String config, String classpath, boolean strict, boolean json, int maxMatches) {

  static final int DEFAULT_MAX_MATCHES = 50;

  /**
   * Parses {@code args} (without the command name).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static CheckOptions parse(List<String> args) {
    String config = null;
    String classpath = null;
    boolean strict = false;
    boolean json = false;
    int maxMatches = DEFAULT_MAX_MATCHES;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--strict" -> strict = true;
        case "--json" -> json = true;
        case "--classpath", "-cp", "--class-path" -> classpath = value(args, ++i, arg);
        case "--max-matches" -> maxMatches = number(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          if (config != null) {
            throw new IllegalArgumentException("one config file only, got " + config + " and " + arg);
          }
          config = arg;
        }
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("name the config file: check <herald.yaml>");
    }
    return new CheckOptions(config, classpath, strict, json, maxMatches);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int number(String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--max-matches needs a number, got " + text);
    }
    if (n < 0) {
      throw new IllegalArgumentException("--max-matches needs a number of 0 or more, got " + text);
    }
    return n;
  }
}
