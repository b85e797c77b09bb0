package dev.herald.agent.config;

import java.util.regex.Pattern;

/**
 * A compiled class-name or method-name glob: {@code *} is any run of characters except '.', {@code
 * **} any run including '.', {@code ?} one character other than '.'; everything else, '$'
 * included, matches itself.
 *
 * <p>Compiled once; {@link #matches} checks the literal prefix before the regular expression,
 * since most names at class-load time fail on the package. Immutable and thread-safe.
 */
final class NameGlob {

  private final String glob;
  private final String literalPrefix;
  private final Pattern pattern;

  private NameGlob(String glob, String literalPrefix, Pattern pattern) {
    this.glob = glob;
    this.literalPrefix = literalPrefix;
    this.pattern = pattern;
  }

  /** True if {@code text} has a {@code *} or {@code ?}. */
  static boolean isGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  static NameGlob compile(String glob) {
    StringBuilder regex = new StringBuilder(glob.length() + 16);
    StringBuilder literal = new StringBuilder();
    int firstWildcard = -1;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (firstWildcard < 0) {
          firstWildcard = i;
        }
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        if (c == '?') {
          regex.append("[^.]");
        } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^.]*");
        }
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    String prefix = firstWildcard < 0 ? glob : glob.substring(0, firstWildcard);
    return new NameGlob(glob, prefix, Pattern.compile(regex.toString()));
  }

  boolean matches(String name) {
    return name.startsWith(literalPrefix) && pattern.matcher(name).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
