package dev.herald.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A composer for the plain subset of YAML that Herald configs are written in, which builds the
 * same node tree, marks included, as SnakeYAML Engine's {@code Compose}, in a fraction of the
 * start-up time: SnakeYAML's scanner, parser, composer and {@code LoadSettings} (with its
 * regular expressions) are some 110 classes, all run cold before the application's main.
 *
 * <p>The subset: block mappings of plain or quoted keys and block sequences, one-line flow
 * collections, one-line plain, single-quoted and escape-free double-quoted scalars, comments,
 * blank lines, LF and CRLF. Anything else (anchors, tags, block scalars, multi-line scalars,
 * document markers, tabs, escapes, an indentation that does not line up) makes it give up with
 * null, at once, and the caller hands the text to SnakeYAML, which also reports syntax errors:
 * this class never reports anything. Giving up is always safe; a tree that differs from
 * SnakeYAML's is a bug ({@code PlainYamlTest} compares them).
 *
 * <p>Plain loops over a char array only: no lambdas, streams, regular expressions or formatting,
 * each a class spun or loaded in premain. Not thread-safe: one instance per text.
 */
final class PlainYaml {

  /** Deeper nesting is left to SnakeYAML, which reports a stack overflow as a problem. */
  private static final int MAX_DEPTH = 64;

  private final PlainYamlCursor in;

  private PlainYaml(PlainYamlCursor in) {
    this.in = in;
  }

  /**
   * The root node of {@code text}, or null if the text is not entirely in the subset (or holds no
   * node at all); then SnakeYAML must compose it.
   *
   * @param label the name SnakeYAML gives the text in marks (the file)
   */
  static Node compose(String text, String label) {
    PlainYamlCursor in = PlainYamlCursor.of(text, label);
    if (in == null || !in.skipToContent() || in.atEnd()) {
      return null;
    }
    Node root = new PlainYaml(in).block(-1, 0);
    return root != null && in.atEnd() ? root : null;
  }

  /**
   * The block mapping or sequence whose first character is at the cursor, more indented than
   * {@code parent}. Every block method leaves the cursor at the first character of the next line
   * with content, or at the end of the text.
   */
  private Node block(int parent, int depth) {
    if (in.column() <= parent) {
      return null;
    }
    return in.atEntryDash() ? sequence(in.column(), false, depth) : mapping(in.column(), depth);
  }

  /**
   * The entries of a block sequence at {@code indent}. An indentless sequence ({@code key:} then
   * {@code - a} in the key's column) ends at the first line of that column without a dash.
   */
  private Node sequence(int indent, boolean indentless, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    Mark start = in.mark();
    List<Node> items = new ArrayList<>();
    while (true) {
      in.pos++;
      Mark afterDash = in.mark();
      in.skipSpaces();
      Node item = in.atLineEndOrComment() ? nextLineValue(afterDash, indent, false, depth)
          : sameLineValue(true, depth);
      if (item == null) {
        return null;
      }
      items.add(item);
      if (in.atEnd() || in.column() < indent) {
        break;
      }
      if (in.column() > indent || !in.atEntryDash() && !indentless) {
        return null;
      }
      if (!in.atEntryDash()) {
        break;
      }
    }
    return new SequenceNode(Tag.SEQ, true, items, FlowStyle.BLOCK, Optional.of(start),
        Optional.of(in.mark()));
  }

  /** The entries of a block mapping at {@code indent}: plain keys, each with its value. */
  private Node mapping(int indent, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    Mark start = in.mark();
    List<NodeTuple> tuples = new ArrayList<>();
    while (true) {
      int colon = in.keyColon();
      if (colon < 0) {
        return null;
      }
      char first = in.chars[in.pos];
      ScalarNode key = first == '\'' || first == '"' ? PlainYamlScalars.quoted(in)
          : PlainYamlScalars.key(in, colon);
      in.pos = colon + 1;
      Mark afterColon = in.mark();
      in.skipSpaces();
      Node value = in.atLineEndOrComment() ? nextLineValue(afterColon, indent, true, depth)
          : sameLineValue(false, depth);
      if (value == null) {
        return null;
      }
      tuples.add(new NodeTuple(key, value));
      if (in.atEnd() || in.column() < indent) {
        break;
      }
      if (in.column() > indent) {
        return null;
      }
    }
    return new MappingNode(Tag.MAP, true, tuples, FlowStyle.BLOCK, Optional.of(start),
        Optional.of(in.mark()));
  }

  /**
   * The value of a key or dash that ends its line: a block collection on the lines below, more
   * indented (or, for a key, a sequence in the key's own column), else an empty scalar.
   */
  private Node nextLineValue(Mark empty, int indent, boolean ofKey, int depth) {
    if (!in.endLine() || !in.skipToContent()) {
      return null;
    }
    if (!in.atEnd() && in.column() > indent) {
      return block(indent, depth + 1);
    }
    if (ofKey && !in.atEnd() && in.column() == indent && in.atEntryDash()) {
      return sequence(indent, true, depth + 1);
    }
    return PlainYamlScalars.empty(empty);
  }

  /**
   * The value after a key or dash on the same line: a scalar or flow collection that ends the
   * line, or after a dash a compact mapping ({@code - key: value}) or sequence ({@code - - a}).
   */
  private Node sameLineValue(boolean afterDash, int depth) {
    if (in.atEntryDash()) {
      // "key: - a" is an error in YAML
      return afterDash ? sequence(in.column(), false, depth + 1) : null;
    }
    if (afterDash && in.keyColon() >= 0) {
      return mapping(in.column(), depth + 1);
    }
    Node value = flowNode(false, depth + 1);
    if (value == null || !in.endLine() || !in.skipToContent()) {
      return null;
    }
    return value;
  }

  /** A flow collection, quoted scalar or plain scalar (of block or flow context) at the cursor. */
  private Node flowNode(boolean inFlow, int depth) {
    if (in.atEnd() || depth > MAX_DEPTH) {
      return null;
    }
    char c = in.chars[in.pos];
    if (c == '[' || c == '{') {
      return flowCollection(depth);
    }
    if (c == '\'' || c == '"') {
      return PlainYamlScalars.quoted(in);
    }
    return PlainYamlScalars.plain(in, inFlow);
  }

  /**
   * The one-line flow sequence or mapping at the cursor ({@code [a, b]}, {@code { k: v }}); the
   * cursor is left after its closing bracket. Mapping keys are scalars followed by ": ", every
   * value is present, and there is no trailing comma: anything else is left to SnakeYAML.
   */
  private Node flowCollection(int depth) {
    boolean isMapping = in.chars[in.pos] == '{';
    char close = isMapping ? '}' : ']';
    Mark start = in.mark();
    List<NodeTuple> tuples = new ArrayList<>();
    List<Node> items = new ArrayList<>();
    in.pos++;
    in.skipSpaces();
    if (at(close)) {
      return end(isMapping, tuples, items, start);
    }
    while (true) {
      Node node = flowNode(true, depth + 1);
      if (node == null) {
        return null;
      }
      in.skipSpaces();
      if (isMapping) {
        if (!(node instanceof ScalarNode) || !at(':')
            || !in.isBlank(in.pos + 1)) {
          return null;
        }
        in.pos++;
        in.skipSpaces();
        Node value = at(',') || at(close) ? null : flowNode(true, depth + 1);
        if (value == null) {
          return null;
        }
        in.skipSpaces();
        tuples.add(new NodeTuple(node, value));
      } else {
        items.add(node);
      }
      if (at(close)) {
        return end(isMapping, tuples, items, start);
      }
      if (!at(',')) {
        return null;
      }
      in.pos++;
      in.skipSpaces();
      if (at(close)) {
        // a trailing comma
        return null;
      }
    }
  }

  private boolean at(char c) {
    return !in.atEnd() && in.chars[in.pos] == c;
  }

  private Node end(boolean isMapping, List<NodeTuple> tuples, List<Node> items, Mark start) {
    in.pos++;
    Optional<Mark> end = Optional.of(in.mark());
    return isMapping
        ? new MappingNode(Tag.MAP, true, tuples, FlowStyle.FLOW, Optional.of(start), end)
        : new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, Optional.of(start), end);
  }
}
