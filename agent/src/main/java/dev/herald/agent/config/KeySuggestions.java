package dev.herald.agent.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key (or name) a mistyped one was probably meant to be. */
public final class KeySuggestions {

  private static final int MAX_DISTANCE = 2;

  private KeySuggestions() {}

  /**
   * The nearest of {@code known}: the same key written in another case or style ({@code
   * queueCapacity}), else the closest within edit distance 2, else one that is a prefix of the
   * other (at least 3 characters); empty if none is near.
   */
  public static Optional<String> nearest(String key, Collection<String> known) {
    String normal = normalise(key);
    for (String candidate : known) {
      if (normalise(candidate).equals(normal)) {
        return Optional.of(candidate);
      }
    }
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : known) {
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    for (String candidate : known) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (Math.min(lower.length(), candidate.length()) >= 3
          && (candidate.startsWith(lower) || lower.startsWith(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String normalise(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * The nearest of {@code known} to {@code name} within edit distance 2, case counting: for class
   * and method names, where {@code CustomerServce} means {@code CustomerService}; empty if none.
   */
  public static Optional<String> nearestName(String name, Collection<String> known) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : known) {
      if (Math.abs(candidate.length() - name.length()) < bestDistance) {
        int distance = distance(name, candidate);
        if (distance < bestDistance && distance > 0) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
