package dev.herald.agent.instrument;

import java.util.List;

/**
 * What one change of the services while running did to the loaded classes.
 *
 * @param retransformed loaded classes retransformed
 * @param instrumented classes instrumented now that were not before
 * @param restored classes no longer instrumented, back to their own code
 * @param failed names of classes that could not be retransformed (each also logged)
 * @param millis how long the change took
 */
public record ServicesChanged(int retransformed, int instrumented, int restored, List<String> failed,
    long millis) {

  public ServicesChanged {
    failed = List.copyOf(failed);
  }

  @Override
  public String toString() {
    return retransformed + " loaded class" + (retransformed == 1 ? "" : "es") + " retransformed in " + millis
        + " ms (" + instrumented + " newly instrumented, " + restored + " restored"
        + (failed.isEmpty() ? "" : ", " + failed.size() + " failed: " + failed) + ")";
  }
}
