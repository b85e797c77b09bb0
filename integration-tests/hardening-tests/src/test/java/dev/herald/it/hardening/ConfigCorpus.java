package dev.herald.it.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The broken-config corpus of point 8: each {@link Case} names a file, where the agent must say the
 * problem is, and a fragment of what it must say. Most files are in {@code
 * src/test/resources/bad-configs}; those that cannot be kept as text in git (10 MB, binary, other
 * encodings) are made by {@link Case#materialize}.
 */
final class ConfigCorpus {

  static final String SERVICE = "dev.herald.it.hardening.app.AccountService";
  /** Named by {@code env-unset.yaml}; removed from the forked JVM's environment. */
  static final String UNSET_VARIABLE = "HERALD_HARDENING_UNSET_VARIABLE";

  /**
   * One broken config.
   *
   * @param file its file name
   * @param line the 1-based line the message must name; 0 for a problem with the whole file
   * @param column the 1-based column; 0 with line 0
   * @param fragment text the message must contain
   * @param exitVariant true to also run the file with {@code on-config-error: exit} appended (one
   *     file of each kind; appending keeps its problem the same)
   */
  record Case(String file, int line, int column, String fragment, boolean exitVariant) {

    /** Writes the file into {@code dir} and returns its path. */
    Path materialize(Path dir) throws IOException {
      Path target = dir.resolve(file);
      byte[] generated = generated(file);
      if (generated != null) {
        return Files.write(target, generated);
      }
      try (InputStream in = ConfigCorpus.class.getResourceAsStream("/bad-configs/" + file)) {
        if (in == null) {
          throw new IllegalStateException("corpus file bad-configs/" + file + " is missing");
        }
        return Files.write(target, in.readAllBytes());
      }
    }

    /** Where the message must point: {@code <path>:<line>:<column>: } or {@code <path>: }. */
    String location(Path path) {
      return line > 0 ? path + ":" + line + ":" + column + ": " : path + ": ";
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private ConfigCorpus() {}

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>(List.of(
        // YAML syntax
        new Case("syntax-bad-indent.yaml", 3, 4, "YAML syntax error", true),
        new Case("syntax-unclosed-flow.yaml", 3, 4, "flow mapping started at line 2", false),
        new Case("syntax-tab-indent.yaml", 3, 1, "a tab; YAML indents with spaces only", false),
        new Case("syntax-unclosed-quote.yaml", 4, 1, "quoted scalar started at line 3", false),
        new Case("syntax-two-documents.yaml", 3, 1, "a second YAML document", true),
        new Case("syntax-mapping-in-list.yaml", 4, 3, "YAML syntax error", false),
        // wrong types
        new Case("type-services-mapping.yaml", 2, 3, "services: expected a list", false),
        new Case("type-top-level-list.yaml", 1, 1, "expected a mapping of settings at the top level", false),
        new Case("type-queue-capacity-text.yaml", 4, 19, "bus.queue-capacity: expected a whole number", true),
        new Case("type-threads-list.yaml", 4, 12, "bus.threads: expected a whole number", false),
        new Case("type-enabled-not-boolean.yaml", 4, 14, "expected true or false, found 'maybe'", false),
        new Case("type-methods-list.yaml", 4, 14, "methods: expected a mapping", false),
        // unknown and duplicate keys
        new Case("unknown-top-level-key.yaml", 1, 1, "did you mean 'services'?", false),
        new Case("unknown-service-key.yaml", 3, 5, "did you mean 'entity'?", true),
        new Case("unknown-bus-key.yaml", 4, 3, "did you mean 'queue-capacity'?", false),
        new Case("duplicate-top-level-key.yaml", 5, 1, "duplicate key 'bus' (first at line 3)", true),
        new Case("duplicate-service-key.yaml", 4, 5, "duplicate key 'entity'", false),
        // empty
        new Case("empty.yaml", 0, 0, "is empty", false),
        new Case("comments-only.yaml", 0, 0, "is empty", false),
        // globs and names
        new Case("glob-space.yaml", 2, 12, "contains a space", false),
        new Case("glob-triple-star.yaml", 2, 12, "'***' is not a wildcard", true),
        new Case("glob-slashes.yaml", 2, 12, "'/' is not allowed", false),
        new Case("method-glob-bad.yaml", 5, 7, "'.' is not allowed in a method name", false),
        new Case("entity-with-dot.yaml", 3, 13, "'.' is not allowed", false),
        // durations and sizes
        new Case("duration-bad-unit.yaml", 4, 18, "bus.block-timeout: expected a duration", false),
        new Case("duration-negative.yaml", 4, 21, "bus.shutdown-timeout: expected a duration", true),
        new Case("duration-fraction.yaml", 4, 18, "plugins.start-timeout: expected a duration", false),
        new Case("size-zero.yaml", 4, 19, "bus.queue-capacity: out of range", false),
        new Case("size-too-large.yaml", 4, 19, "bus.queue-capacity: expected a whole number", false),
        new Case("overflow-unknown.yaml", 4, 13, "expected block, drop-newest or drop-oldest", false),
        new Case("on-config-error-bad.yaml", 3, 18, "on-config-error: expected continue or exit", false),
        // missing keys
        new Case("missing-entity.yaml", 2, 5, "missing 'entity'", true),
        new Case("missing-class.yaml", 2, 5, "missing 'class'", false),
        // plugin path
        new Case("plugin-path-missing.yaml", 4, 9, "does not exist", true),
        new Case("plugin-path-is-file.yaml", 4, 9, "is not a folder", false),
        // ${VAR}
        new Case("env-unset.yaml", 3, 13, UNSET_VARIABLE + " is not set", true),
        new Case("env-unclosed.yaml", 3, 13, "'${' is not closed", false),
        // tags
        new Case("tag-script-engine.yaml", 6, 11, "tag '!!javax.script.ScriptEngineManager' is not allowed", true),
        new Case("tag-verbatim-global.yaml", 3, 13, "tag 'tag:example.com,2024:entity' is not allowed", false),
        // made by materialize()
        new Case("huge-10mb.yaml", 0, 0, "is 10 MiB; a Herald config is at most 1 MiB", false),
        new Case("binary-garbage.yaml", 1, 3, "is a binary file", false),
        new Case("latin1.yaml", 2, 69, "is not UTF-8 text", false),
        new Case("utf16.yaml", 0, 0, "is UTF-16 text", false)));
    return cases;
  }

  /** The bytes of a generated corpus file; null for a file kept in resources. */
  static byte[] generated(String file) {
    switch (file) {
      case "huge-10mb.yaml" -> {
        // valid YAML all the way, so that only the size can be the problem
        StringBuilder text = new StringBuilder("services:\n");
        String entry = "  - { class: " + SERVICE + ", entity: account }\n";
        while (text.length() < 10 * 1024 * 1024) {
          text.append(entry);
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      case "binary-garbage.yaml" -> {
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        // a fixed start, so that the position of the first NUL is known: line 1, column 3
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 0;
        return bytes;
      }
      case "latin1.yaml" -> {
        String text = "services:\n  - { class: " + SERVICE + ", entity: caf\u00e9 }\n";
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      case "utf16.yaml" -> {
        String text = "services:\n  - { class: " + SERVICE + ", entity: account }\n";
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_16);
      }
      default -> {
        return null;
      }
    }
  }
}
