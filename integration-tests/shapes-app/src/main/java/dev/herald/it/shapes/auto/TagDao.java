package dev.herald.it.shapes.auto;

/** Matched by the glob {@code dev.herald.it.shapes.auto.*} with {@code entity: auto}. */
public class TagDao {

  public String create(String id) {
    return "TagDao:" + id;
  }
}
