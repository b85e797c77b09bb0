package dev.herald.agent.instrument;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What weaving one class found worth telling the user, each method as its name and descriptor:
 * methods left as they are (too large once woven; Kotlin suspend functions), and methods woven
 * whose declared result is an asynchronous type Herald does not follow ({@link
 * MethodShapes#unfollowedResult}). Filled by {@link WriteWeaver}; one per class; not thread-safe.
 */
final class WeaveNotes {

  /** Left as they are: woven, they would pass the JVM's 64 KB of bytecode per method. */
  final Set<String> tooLarge = new LinkedHashSet<>();
  /** Kotlin suspend functions an entry maps, left as they are. */
  final Set<String> suspendFunctions = new LinkedHashSet<>();
  /** Woven, with a declared result Herald does not follow to its completion. */
  final Set<String> unfollowedResults = new LinkedHashSet<>();
}
