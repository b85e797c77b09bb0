package dev.herald.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code check} in-process on a config text and captures its output and exit status. */
record CheckRun(int status, String output) {

  static CheckRun of(Path folder, String yaml, String... options) throws IOException {
    Files.writeString(folder.resolve("herald.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("herald.yaml"));
    args.addAll(List.of(options));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = CheckCommand.run(CheckOptions.parse(args), folder, name -> null, out);
    return new CheckRun(status, bytes.toString(StandardCharsets.UTF_8));
  }
}
