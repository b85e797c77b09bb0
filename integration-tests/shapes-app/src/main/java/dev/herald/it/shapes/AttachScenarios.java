package dev.herald.it.shapes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A service that runs on while Herald is attached to it, as an operator would attach it. */
final class AttachScenarios {

  private AttachScenarios() {}

  /**
   * Writes its process id to {@code attach-ready} in the working directory, then calls {@code
   * AccountService.create} every 20 ms until a file {@code stop} appears there (at most 60 s).
   * Reports {@code attach-calls}, the calls made.
   */
  static void attach() throws Exception {
    AccountService accounts = new AccountService();
    Path stop = Path.of("stop");
    Files.writeString(Path.of("attach-ready"), Long.toString(ProcessHandle.current().pid()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long calls = 0;
    while (!Files.exists(stop) && System.nanoTime() < deadline) {
      accounts.create(new Account("a" + calls, "attach"));
      calls++;
      Thread.sleep(20);
    }
    Report.print("attach-calls", calls);
  }
}
