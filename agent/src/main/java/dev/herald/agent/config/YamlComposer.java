package dev.herald.agent.config;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parses text into a tree of YAML nodes, with positions, without constructing any Java object from
 * it: the Compose API stops before construction, which is what makes tags harmless here.
 *
 * <p>A config in the plain subset of YAML that {@link PlainYaml} reads (every config written as
 * the docs show) is composed by it, into the same tree; SnakeYAML Engine's classes are then never
 * loaded in premain. Anything else, errors included, goes to SnakeYAML.
 */
final class YamlComposer {

  private YamlComposer() {}

  /**
   * The single document in {@code text}; empty if the text holds no document (then nothing is
   * reported) or has a syntax error (then it is reported as one line with its position).
   */
  static Optional<Node> compose(String text, Problems problems) {
    Node plain;
    try {
      plain = PlainYaml.compose(text, problems.file().toString());
    } catch (RuntimeException e) {
      // a bug of the fast path must not cost the application its config: SnakeYAML decides
      plain = null;
    }
    return plain != null ? Optional.of(plain) : composeWithSnakeYaml(text, problems);
  }

  /** SnakeYAML Engine's Compose, for any YAML, reporting syntax errors. */
  static Optional<Node> composeWithSnakeYaml(String text, Problems problems) {
    return WithSnakeYaml.compose(text, problems);
  }

  /**
   * The SnakeYAML path, in a class of its own so that a config the fast path composes never loads
   * it, nor the exception classes its handlers name.
   */
  private static final class WithSnakeYaml {

    private WithSnakeYaml() {}

    static Optional<Node> compose(String text, Problems problems) {
      LoadSettings settings = LoadSettings.builder()
          .setLabel(problems.file().toString())
          .setAllowRecursiveKeys(false)
          // let them through so that the reader can say where they are and what was expected
          .setAllowNonScalarKeys(true)
          .setMaxAliasesForCollections(50)
          .build();
      try {
        return new Compose(settings).composeString(text);
      } catch (MarkedYamlEngineException e) {
        String noSpace = missingSpaceAfterColon(e, text);
        int noColon = lineWithoutColon(e, text);
        if (noSpace != null) { // said where the key is, not where the scanner gave up
          problems.at(e.getContextMark().get(), noSpace);
        } else if (noColon >= 0) { // said on the line that lacks it, not the next one
          String line = text.lines().skip(noColon).findFirst().orElse("");
          int start = indentOf(line);
          String entry = line.substring(start).strip();
          int space = entry.indexOf(' ');
          problems.atLine(noColon + 1, start + 1, "YAML syntax error: '" + entry + "' has no ':' after its key,"
              + " so YAML reads it and the next line as one text; write '" + entry.substring(0, space) + ": "
              + entry.substring(space + 1).strip() + "'");
        } else {
          problems.at(e.getProblemMark().or(e::getContextMark).orElse(null), syntaxMessage(e, text));
        }
      } catch (ReaderException e) {
        int[] position = position(text, e.getPosition());
        problems.atLine(position[0], position[1], String.format(
            "character U+%04X is not allowed in YAML text (%s)", e.getCodePoint(), oneLine(
                e.getMessage())));
      } catch (YamlEngineException e) {
        problems.whole("YAML error: " + oneLine(e.getMessage()));
      } catch (StackOverflowError e) {
        problems.whole("is nested too deeply to be a Herald config");
      }
      return Optional.empty();
    }

    private static String syntaxMessage(MarkedYamlEngineException e, String text) {
      if (String.valueOf(e.getContext()).contains("expected a single document")) {
        return "a second YAML document starts here ('---'); a Herald config is one document";
      }
      String problem = oneLine(String.valueOf(e.getProblem()));
      if (problem.contains("(TAB)")) {
        return "YAML syntax error: a tab; YAML indents with spaces only, so replace the tab with spaces";
      }
      Optional<Mark> block = e.getContextMark();
      // The two errors a misplaced indent or colon gives, in the parser's terms ("<block end>",
      // "'?'" for a key) that mean nothing to someone editing a config: said in the config's terms.
      if (problem.startsWith("expected <block end>, but found") && block.isPresent()
          && e.getProblemMark().isPresent()) {
        Mark at = e.getProblemMark().get();
        String token = firstToken(text, at);
        String start = "YAML syntax error: " + token + " is indented unlike the entries of the block"
            + " started at line " + (block.get().getLine() + 1) + ", column " + (block.get().getColumn() + 1);
        String itemKey = listItemKey(text, block.get());
        if (itemKey != null && token.startsWith("'")) {
          // a key meant for the list item above: its keys start after the "- "
          return start + ": to make it a key of that list item, line it up with " + itemKey;
        }
        return start + ": line it up with them, or indent it under one of them";
      }
      if (problem.equals("mapping values are not allowed here")) {
        String overIndented = e.getProblemMark().map(at -> overIndentedKey(text, at)).orElse(null);
        if (overIndented != null) {
          return overIndented;
        }
        return "YAML syntax error: a ':' followed by a space cannot start a mapping here; quote a value"
            + " that contains ': ', or put a key on a line of its own";
      }
      if (problem.startsWith("found undefined alias")) {
        return "YAML syntax error: a key or value that starts with '*' must be quoted, as in '*Async'"
            + " (unquoted, YAML reads '*' as the start of an alias)";
      }
      if (e.getProblemMark().isPresent() && variableBraceAt(text, e.getProblemMark().get())) {
        // YAML took the '{' of ${VAR} in a flow collection for the start of a mapping
        return "YAML syntax error: inside { } or [ ], a value with ${...} must be quoted, as in"
            + " \"${VAR}\" (unquoted, YAML reads its braces as a mapping)";
      }
      StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
      String context = e.getContext();
      if (context != null && !context.isBlank()) {
        message.append(" (").append(oneLine(context));
        Optional<Mark> mark = e.getContextMark();
        if (mark.isPresent() && !mark.equals(e.getProblemMark())) {
          message.append(" started at line ").append(mark.get().getLine() + 1)
              .append(", column ").append(mark.get().getColumn() + 1);
        }
        message.append(')');
      }
      return message.toString();
    }

    /**
     * The message for a key indented deeper than the line above it, which already has its value:
     * YAML reads the key as more of that value, then fails at its ':'. Null for any other case.
     */
    private static String overIndentedKey(String text, Mark mark) {
      List<String> lines = text.lines().toList();
      if (mark.getLine() < 1 || mark.getLine() >= lines.size()) {
        return null;
      }
      String line = lines.get(mark.getLine());
      String above = null;
      for (int i = mark.getLine() - 1; i >= 0 && above == null; i--) {
        String candidate = lines.get(i);
        if (!candidate.isBlank() && !candidate.strip().startsWith("#")) {
          above = candidate;
        }
      }
      int indent = indentOf(line);
      if (above == null || indent <= indentOf(above) || mark.getColumn() <= indent
          || !above.stripTrailing().matches(".*\\S: +\\S.*")) {
        return null;
      }
      String key = line.substring(indent, mark.getColumn()).strip();
      return "YAML syntax error: '" + key + "' is indented deeper than the line above it, so YAML reads it"
          + " as more of that line's value; line it up with the keys above it";
    }

    private static int indentOf(String line) {
      int i = 0;
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      String rest = line.substring(i);
      // a key after "- " starts where the key starts
      return rest.startsWith("- ") ? i + 2 + indentOf(rest.substring(2)) : i;
    }

    /**
     * For "key:value" with no space after the colon, which YAML reads as one plain text and then
     * misses the ':' of: the message, else null.
     */
    private static String missingSpaceAfterColon(MarkedYamlEngineException e, String text) {
      if (!"could not find expected ':'".equals(e.getProblem()) || e.getContextMark().isEmpty()) {
        return null;
      }
      Mark key = e.getContextMark().get();
      String line = text.lines().skip(key.getLine()).findFirst().orElse("");
      String rest = key.getColumn() <= line.length() ? line.substring(key.getColumn()).strip() : "";
      int colon = rest.indexOf(':');
      if (colon <= 0 || colon + 1 >= rest.length() || Character.isWhitespace(rest.charAt(colon + 1))) {
        return null;
      }
      String name = rest.substring(0, colon);
      return "YAML syntax error: '" + name + "' needs a space after its ':' (write '" + name + ": "
          + rest.substring(colon + 1).strip() + "')";
    }

    /**
     * For a line such as {@code - class com.acme.OrderService}, a key and its value without the
     * ':' between them: YAML reads it and the next line as one plain text, then finds the next
     * line's ':' where no mapping may start. The 0-based line that lacks the ':', else -1.
     */
    private static int lineWithoutColon(MarkedYamlEngineException e, String text) {
      if (!"mapping values are not allowed here".equals(e.getProblem()) || e.getProblemMark().isEmpty()) {
        return -1;
      }
      List<String> lines = text.lines().toList();
      int above = e.getProblemMark().get().getLine() - 1;
      while (above >= 0 && (lines.get(above).isBlank() || lines.get(above).strip().startsWith("#"))) {
        above--;
      }
      if (above < 0) {
        return -1;
      }
      String entry = lines.get(above).substring(indentOf(lines.get(above))).strip();
      int space = entry.indexOf(' ');
      // a name, a space, a value, and no ':' anywhere: a key whose colon is missing
      return space > 0 && entry.indexOf(':') < 0 && entry.substring(0, space).matches("[A-Za-z][\\w-]*")
          ? above : -1;
    }

    /** True if {@code mark} is at the '{' of a {@code ${}. */
    private static boolean variableBraceAt(String text, Mark mark) {
      String line = text.lines().skip(mark.getLine()).findFirst().orElse("");
      int column = mark.getColumn();
      return column > 0 && column < line.length() && line.startsWith("${", column - 1);
    }

    /** For a block that is a list of mappings, its first key as {@code 'class' (column 5)}; else null. */
    private static String listItemKey(String text, Mark block) {
      String line = text.lines().skip(block.getLine()).findFirst().orElse("");
      int dash = block.getColumn();
      if (dash >= line.length() || !line.startsWith("- ", dash)) {
        return null;
      }
      int key = dash + 1;
      while (key < line.length() && line.charAt(key) == ' ') {
        key++;
      }
      int colon = line.indexOf(':', key);
      return colon <= key ? null : "'" + line.substring(key, colon).strip() + "' (column " + (key + 1) + ")";
    }

    /** How the entry at {@code mark} reads: {@code 'entity'} for a key, "a list item", else "this line". */
    private static String firstToken(String text, Mark mark) {
      String line = text.lines().skip(mark.getLine()).findFirst().orElse("");
      String rest = mark.getColumn() <= line.length() ? line.substring(mark.getColumn()).strip() : "";
      if (rest.startsWith("-")) {
        return "a list item";
      }
      int colon = rest.indexOf(':');
      return colon > 0 ? "'" + rest.substring(0, colon).strip() + "'" : "this line";
    }

    private static String oneLine(String text) {
      return text.replaceAll("\\s+", " ").trim();
    }

    /** 1-based line and column of code point {@code index}. */
    private static int[] position(String text, int index) {
      int line = 1;
      int column = 1;
      int offset = 0;
      for (int i = 0; i < index && offset < text.length(); i++) {
        int codePoint = text.codePointAt(offset);
        offset += Character.charCount(codePoint);
        if (codePoint == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return new int[] {line, column};
    }
  }
}
