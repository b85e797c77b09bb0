package dev.herald.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Texts for the differential test of {@link PlainYaml}: the repository's YAML files and the YAML
 * blocks of its Markdown, the string literals of the config tests, and generated documents.
 */
final class PlainYamlInputs {

  private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```ya?ml\\n(.*?)```");
  private static final Pattern TEXT_BLOCK = Pattern.compile("(?s)\"\"\"\\n(.*?)\"\"\"");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  private PlainYamlInputs() {}

  /** The repository root: the folder above the agent module, where the tests run. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Every *.yaml and *.yml file of the repository, outside build folders. */
  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(root())) {
      return files.filter(file -> {
        String name = file.getFileName().toString();
        String path = root().relativize(file).toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !path.startsWith(".git")
            && !path.contains("target") && !path.contains("node_modules");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ```yaml blocks of the repository's Markdown files (README.md and docs/). */
  static List<String> markdownBlocks() {
    List<String> blocks = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(root().resolve("README.md")));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      Matcher block = YAML_BLOCK.matcher(read(file));
      while (block.find()) {
        blocks.add(block.group(1));
      }
    }
    return blocks;
  }

  /** The text blocks and string literals of the config tests, as Java reads them. */
  static List<String> testLiterals() {
    List<String> literals = new ArrayList<>();
    Path tests = root().resolve("agent/src/test/java/dev/herald/agent/config");
    for (String name : List.of("ConfigSyntaxTest", "ServicesConfigTest", "SettingsConfigTest",
        "EnvSubstitutionTest", "ConfigLoaderFileTest", "ConfigStartupCostTest")) {
      String source = read(tests.resolve(name + ".java"));
      Matcher block = TEXT_BLOCK.matcher(source);
      while (block.find()) {
        literals.add(unescape(block.group(1).stripIndent()));
      }
      Matcher literal = LITERAL.matcher(TEXT_BLOCK.matcher(source).replaceAll(""));
      while (literal.find()) {
        if (literal.group(1).contains(":")) {
          literals.add(unescape(literal.group(1)));
        }
      }
    }
    return literals;
  }

  /** The text of a Java literal: {@code translateEscapes} plus {@code \\uXXXX}. */
  private static String unescape(String literal) {
    Matcher unicode = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(literal);
    StringBuilder out = new StringBuilder();
    while (unicode.find()) {
      char c = (char) Integer.parseInt(unicode.group(1), 16);
      String replacement = c == '\\' ? "\\\\" : String.valueOf(c);
      unicode.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    unicode.appendTail(out);
    return out.toString().translateEscapes();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String[] KEYS = {"a", "key", "my key", "k-e_y", "a.b", "-1", "1", "null",
      "true", "é", "日本", "class", "on", "x/y", "a#b", "key   ", "url",
      "\"*\"", "'a b'", "\"a: b\"", "'it''s'", "\"\"", "'a' ", "\"a\\b\""};
  /** Values in the subset, or near its edges. */
  private static final String[] VALUES = {"b", "-1", "1.5", "1e3", "0x1", "01", ".inf", "-.inf",
      ".nan", "~", "null", "Null", "true", "False", "'it''s'", "\"a # b\"", "a # c", "a#b",
      "http://x:1/y", "${A}", "${ A:-b }", "${A:-http://h:1}", "\"${A}\"", "''", "\"\"", "'x'",
      "a b  c", "key:value", "a]", "a, b", "{x}", "it's", "say \"hi\"", "[a, b]",
      "{ a: b, c: [x, y] }", "[]", "{}", "[ ]", "{ }", "[a , b ]", "[order.after.create]",
      "[\"*.failed.*\"]", "[a, [b, {c: d}]]", "[-1, -a, .5]", "[http://h:1/x, a#b, it's]",
      "{ on: [order.after.create], channel: \"#sales\", text: \"{x} - {y}\" }", "[a]  # c",
      "[ 'a', \"b\" ]", "{ a: { b: { c: d } } }", "…", "ü ß", "a\u00a0", "a :b", "a - b",
      "a...", "1:2", "[[[[a]]]]", "{ u: 'x y' }", "[a,b,c]", "{a: b}", "-.5", "2s", "50ms"};
  /** Values the subset leaves to SnakeYAML, or that are errors. */
  private static final String[] ODD_VALUES = {"a: b", "a:", "[a,]", "{a:b}", "{a: }", "[a: b]",
      "{a: b,}", "{ a: 'x', \"b\": y }", "[a #c]", "[a]#c", "&x a", "*x", "!t a", "!!str a", "|",
      ">", "- a", "-a", "? a", "\"a\\nb\"", "'a", "\"a", "%x", "@x", "`x", "a\tb", "[${A}]",
      "{ u: ${A} }", "'a''", "\"a\"b", "'a' b", "a : b", "#x", "!", ",a", "-", "--", "---", "...",
      "[a, b", "{a: b", "a?b", "[a?b]", "{ a: b }}", "[a]]", "'a'#c", "{\"a\":b}",
      "{ 'a': b }", "{ a: b, \"*\": c }"};
  private static final String[] TAILS = {"", "", "", " # c", "   # c", "  ", " #", " #: x"};
  private static final String[] BREAKS = {"\n", "\n", "\n", "\r\n"};

  /** {@code count} generated documents: block mappings and sequences of fragments, some broken. */
  static List<String> generated(int count, long seed) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String lineBreak = pick(random, BREAKS);
      StringBuilder text = new StringBuilder();
      if (random.nextInt(8) == 0) {
        text.append(pick(random, new String[] {"# head", "", "---", "%YAML 1.2", "\uFEFF"}))
            .append(lineBreak);
      }
      int step = random.nextInt(6) == 0 ? 1 + random.nextInt(4) : 2;
      block(random, text, 0, step, 0, random.nextInt(4) == 0, lineBreak);
      String result = text.toString();
      if (random.nextInt(6) == 0) {
        result = mutate(random, result, lineBreak);
      }
      if (random.nextInt(5) == 0 && result.endsWith(lineBreak)) {
        result = result.substring(0, result.length() - lineBreak.length());
      }
      texts.add(result);
    }
    return texts;
  }

  private static void block(Random random, StringBuilder text, int indent, int step, int depth,
      boolean sequence, String lineBreak) {
    int entries = 1 + random.nextInt(4);
    String pad = " ".repeat(indent);
    for (int i = 0; i < entries; i++) {
      if (random.nextInt(6) == 0) {
        text.append(random.nextBoolean() ? pad + "# note" : "").append(lineBreak);
      }
      String head = pad + (sequence ? "-" + " ".repeat(1 + random.nextInt(2))
          : pick(random, KEYS) + ":");
      int kind = depth >= 3 ? 0 : random.nextInt(6);
      if (kind == 0 || kind == 1) {
        String value = random.nextInt(12) == 0 ? pick(random, ODD_VALUES) : pick(random, VALUES);
        text.append(head).append(sequence || random.nextInt(10) > 0 ? " " : "").append(value)
            .append(pick(random, TAILS)).append(lineBreak);
      } else if (kind == 2 && sequence) {
        // a compact mapping: "- key: value" and its keys aligned below
        int column = head.length();
        StringBuilder inner = new StringBuilder();
        block(random, inner, column, step, depth + 1, false, lineBreak);
        boolean keyFirst = inner.length() > column && inner.charAt(column) != ' '
            && inner.charAt(column) != '#' && inner.substring(0, column).equals(" ".repeat(column));
        text.append(keyFirst ? head + inner.substring(column)
            : head.stripTrailing() + lineBreak + inner);
      } else if (kind == 3 && !sequence && random.nextBoolean()) {
        // an indentless sequence in the key's column
        text.append(head).append(pick(random, TAILS)).append(lineBreak);
        block(random, text, indent, step, depth + 1, true, lineBreak);
      } else if (kind == 4) {
        text.append(head).append(pick(random, TAILS)).append(lineBreak);
      } else {
        text.append(head).append(pick(random, TAILS)).append(lineBreak);
        block(random, text, indent + step, step, depth + 1, random.nextInt(3) == 0, lineBreak);
      }
    }
  }

  /** One small change: a line indented by one more or less, a line dropped or doubled, a tab. */
  private static String mutate(Random random, String text, String lineBreak) {
    List<String> lines = new ArrayList<>(List.of(text.split(lineBreak, -1)));
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    switch (random.nextInt(5)) {
      case 0 -> lines.set(at, " " + line);
      case 1 -> lines.set(at, line.startsWith(" ") ? line.substring(1) : line);
      case 2 -> lines.remove(at);
      case 3 -> lines.add(at, line);
      default -> lines.set(at, line.replaceFirst(" ", "\t"));
    }
    return String.join(lineBreak, lines);
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
