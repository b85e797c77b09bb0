package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code flow}); many exits: returns from each branch of a tableswitch, a
 * lookupswitch and a string switch, returns and labelled breaks out of nested loops, methods that
 * only throw, and a void method with early returns. Each exit must report once, with its own value.
 */
public class FlowService {

  private String path = "";

  public String path() {
    return path;
  }

  /** Dense cases: a tableswitch. */
  public String table(int day) {
    switch (day) {
      case 0: return "sun";
      case 1: return "mon";
      case 2: return "tue";
      case 3: return "wed";
      case 4: return "thu";
      default: return "later";
    }
  }

  /** Sparse cases: a lookupswitch. */
  public long lookup(int code) {
    switch (code) {
      case -100000: return -1L;
      case 7: return 70L;
      case 4096: return 1L << 40;
      default: return 0L;
    }
  }

  public int words(String command) {
    switch (command) {
      case "start": return 1;
      case "stop": return 2;
      default: throw new IllegalArgumentException("unknown command " + command);
    }
  }

  /** Returns from two loops deep, or after both end. */
  public int findInGrid(int[][] grid, int target) {
    for (int row = 0; row < grid.length; row++) {
      for (int col = 0; col < grid[row].length; col++) {
        if (grid[row][col] == target) {
          return row * 10 + col;
        }
      }
    }
    return -1;
  }

  /** A labelled break out of both loops, then code after them. */
  public int breakOut(int[][] grid, int limit) {
    int sum = 0;
    outer:
    for (int[] row : grid) {
      for (int cell : row) {
        if (sum + cell > limit) {
          break outer;
        }
        sum += cell;
      }
    }
    return sum;
  }

  /** Never returns normally. */
  public void delete(String why) {
    throw new IllegalStateException("cannot delete: " + why);
  }

  /** Never returns normally, though declared to return a value. */
  public long deactivate(int code) {
    throw new UnsupportedOperationException("code " + code);
  }

  /** Void with early returns: {@link #path} says which exit was taken. */
  public void activate(int x) {
    if (x < 0) {
      path = "negative";
      return;
    }
    for (int i = 0; i < 10; i++) {
      if (i == x) {
        path = "found " + i;
        return;
      }
    }
    path = "end";
  }
}
