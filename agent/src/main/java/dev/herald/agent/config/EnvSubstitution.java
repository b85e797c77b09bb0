package dev.herald.agent.config;

import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar value; <code>$${</code> is a
 * literal <code>${</code>.
 *
 * <p>As in a shell, the default applies when the variable is unset or empty. A default is literal
 * text up to the first <code>'}'</code>. Errors name the variable, never a resolved value.
 */
final class EnvSubstitution {

  /**
   * The outcome for one scalar.
   *
   * @param value the text after substitution, or null if {@code error} is set
   * @param substituted true if at least one variable reference was replaced
   * @param error what is wrong, without a position, or null
   */
  record Result(String value, boolean substituted, String error) {}

  private EnvSubstitution() {}

  static Result apply(String raw, Function<String, String> env) {
    if (raw.indexOf('$') < 0) {
      return new Result(raw, false, null);
    }
    StringBuilder out = new StringBuilder(raw.length());
    boolean substituted = false;
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (raw.startsWith("${", i)) {
        int close = raw.indexOf('}', i + 2);
        if (close < 0) {
          return failed("'${' is not closed by '}' (write $${ for a literal '${')");
        }
        String reference = raw.substring(i + 2, close);
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!isName(name)) {
          return failed("'${" + reference + "}' is not a variable reference like ${NAME} or "
              + "${NAME:-default} (a name has letters, digits and '_')");
        }
        String value = env.apply(name);
        if (separator >= 0 && (value == null || value.isEmpty())) {
          value = reference.substring(separator + 2);
        }
        if (value == null) {
          return failed("environment variable " + name + " is not set and ${" + name
              + "} has no default (write ${" + name + ":-default})");
        }
        out.append(value);
        substituted = true;
        i = close + 1;
      } else {
        out.append(raw.charAt(i++));
      }
    }
    return new Result(out.toString(), substituted, null);
  }

  private static Result failed(String error) {
    return new Result(null, false, error);
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || (c < 128 && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return true;
  }
}
