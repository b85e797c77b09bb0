package dev.herald.agent.config;

/**
 * The rules for names in a service entry. Each check returns what is wrong, without quoting the
 * value (which may have come from the environment), or null when the name is fine.
 */
final class ServiceNames {

  static final String CLASS_EXPECTED = "a class name or glob like com.acme.*Service";
  static final String ENTITY_EXPECTED = "an entity name (letters, digits, '_', '-') or auto";
  static final String OPERATION_EXPECTED = "an operation name (letters, digits, '_', '-')";
  static final String METHOD_EXPECTED = "a method name or glob (letters, digits, '_', '$', '-', '*', '?')";

  private ServiceNames() {}

  static String classProblem(String pattern) {
    if (pattern.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (Character.isWhitespace(c)) {
        return "it contains a space at position " + (i + 1);
      }
      if (c == '/') {
        return "'/' is not allowed; separate packages with '.'";
      }
      if (c != '.' && c != '*' && c != '?'
          && (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c))) {
        return "'" + c + "' is not allowed in a Java class name";
      }
    }
    if (pattern.contains("***")) {
      return "'***' is not a wildcard; use '*' within a package or '**' across packages";
    }
    if (pattern.startsWith(".") || pattern.endsWith(".")) {
      return "it starts or ends with '.'";
    }
    if (pattern.contains("..")) {
      return "'..' leaves a package name empty";
    }
    for (String segment : pattern.split("\\.")) {
      char first = segment.charAt(0);
      if (first != '*' && first != '?' && !Character.isJavaIdentifierStart(first)) {
        return "'" + segment + "' does not start with a letter";
      }
    }
    return null;
  }

  static String entityProblem(String entity) {
    return entity.equals("auto") ? null : eventNameProblem(entity);
  }

  static String operationProblem(String operation) {
    return eventNameProblem(operation);
  }

  static String methodProblem(String method) {
    if (method.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      // '-' for Kotlin's mangled names: a value-class parameter makes `upsert-Ocegqi0`
      boolean ok = c == '*' || c == '?' || (i > 0 && c == '-')
          || (i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c));
      if (!ok || Character.isIdentifierIgnorable(c)) {
        return "'" + c + "' is not allowed in a method name";
      }
    }
    return null;
  }

  /** Entities and operations are segments of an event name, so '.' and '*' would break patterns. */
  private static String eventNameProblem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || c == '-' || Character.isLetterOrDigit(c))) {
        return "'" + c + "' is not allowed (letters, digits, '_' and '-' only)";
      }
    }
    return null;
  }
}
