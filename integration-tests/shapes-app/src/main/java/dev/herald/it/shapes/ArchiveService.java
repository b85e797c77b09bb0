package dev.herald.it.shapes;

/** Configured with {@code enabled: false}: instrumented, emits nothing. */
public class ArchiveService {

  public String create(String id) {
    return "archived:" + id;
  }
}
