package dev.herald.agent.cli;

import java.io.IOException;

/** The JVM {@code attach} tests attach to: says "ready", then runs until its standard input closes. */
public final class AttachTarget {

  private AttachTarget() {}

  public static void main(String[] args) throws IOException {
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the test closes our input
    }
  }
}
