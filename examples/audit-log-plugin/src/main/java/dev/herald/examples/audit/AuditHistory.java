package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads audit files back and prints the history of one entity instance, oldest first:
 *
 * <pre>
 * java -cp audit-log-plugin.jar dev.herald.examples.audit.AuditHistory logs/audit.jsonl order 42 [--json]
 * </pre>
 *
 * <p>An event belongs to entity {@code order} with id {@code 42} if its entity is {@code order}
 * and an argument or its result is {@code 42} or an object whose {@code id} is {@code 42} (compared
 * as text); the other events of the same call (same non-zero {@code invocationId} in the same
 * {@code run}: ids start again in every run of the application) belong too, so a {@code
 * create}'s before event, which has no id yet, is part of the history. Rotated files ({@code
 * audit.jsonl.N} ... {@code .1}) are read before the current one. {@code history.jq} beside this
 * class selects the same lines with {@code jq}.
 *
 * <p>Stateless; safe for concurrent use.
 */
public final class AuditHistory {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditHistory() {}

  /** Prints the history; exit status 2 on wrong usage, 1 if the files cannot be read. */
  public static void main(String[] args) {
    List<String> arguments = new ArrayList<>(List.of(args));
    boolean json = arguments.remove("--json");
    if (arguments.size() != 3) {
      System.err.println("usage: AuditHistory <audit file> <entity> <id> [--json]");
      System.exit(2);
    }
    Path file = Path.of(arguments.get(0));
    if (!Files.exists(file) && !Files.exists(AuditFile.rotated(file, 1))) {
      System.err.println("no audit file " + file);
      System.exit(1);
    }
    try {
      print(history(Path.of(arguments.get(0)), arguments.get(1), arguments.get(2)), json, System.out);
    } catch (IOException e) {
      System.err.println("cannot read " + arguments.get(0) + ": " + e);
      System.exit(1);
    }
  }

  /** The lines of {@code file} and its rotated files that belong to the entity {@code entity} with id {@code id}. */
  public static List<JsonNode> history(Path file, String entity, String id) throws IOException {
    List<JsonNode> ofEntity = new ArrayList<>();
    for (Path path : filesOldestFirst(file)) {
      try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode event = parse(line);
          if (event != null && entity.equals(event.path("entity").asText())) {
            ofEntity.add(event);
          }
        }
      }
    }
    Set<String> calls = new HashSet<>();
    for (JsonNode event : ofEntity) {
      if (mentions(event, id) && event.path("invocationId").asLong() != 0) {
        calls.add(call(event));
      }
    }
    return ofEntity.stream().filter(event -> calls.contains(call(event)) || mentions(event, id)).toList();
  }

  /** The call an event belongs to: its run and invocation id (lines written before runs were recorded have no run). */
  private static String call(JsonNode event) {
    return event.path("run").asText("") + "#" + event.path("invocationId").asLong();
  }

  static void print(List<JsonNode> events, boolean json, PrintStream out) {
    for (JsonNode event : events) {
      if (json) {
        out.println(event);
        continue;
      }
      StringBuilder line = new StringBuilder()
          .append(event.path("timestamp").asText()).append("  ").append(event.path("name").asText())
          .append("  #").append(event.path("invocationId").asText());
      if (!event.path("actor").isNull()) {
        line.append("  actor=").append(event.path("actor").asText());
      }
      if (!event.path("error").isNull()) {
        line.append("  !! ").append(event.path("error").path("class").asText())
            .append(": ").append(event.path("error").path("message").asText());
      } else if (event.path("phase").asText().equals("after")) {
        line.append("  -> ").append(event.path("result"));
      } else {
        line.append("  ").append(event.path("args"));
      }
      out.println(line);
    }
  }

  private static boolean mentions(JsonNode event, String id) {
    for (JsonNode value : event.path("args")) {
      if (is(value, id)) {
        return true;
      }
    }
    return is(event.path("result"), id);
  }

  private static boolean is(JsonNode value, String id) {
    return value.isValueNode() && !value.isNull() ? value.asText().equals(id)
        : value.isObject() && value.path("id").isValueNode() && value.path("id").asText().equals(id);
  }

  private static List<Path> filesOldestFirst(Path file) {
    List<Path> files = new ArrayList<>();
    int last = 1;
    while (Files.exists(AuditFile.rotated(file, last))) {
      last++;
    }
    for (int i = last - 1; i >= 1; i--) {
      files.add(AuditFile.rotated(file, i));
    }
    if (Files.exists(file)) {
      files.add(file);
    }
    return files;
  }

  private static JsonNode parse(String line) {
    try {
      return line.isBlank() ? null : MAPPER.readTree(line);
    } catch (IOException e) {
      return null; // a line cut short by a crash: the rest of the history still counts
    }
  }
}
