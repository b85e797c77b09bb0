package dev.herald.it.shapes;

/** Configured with {@code methods: {issue: create}} and {@code defaults: false}: update emits nothing. */
public class InvoiceService {

  public String issue(String id) {
    return "invoice:" + id;
  }

  public String update(String id) {
    return "updated:" + id;
  }
}
