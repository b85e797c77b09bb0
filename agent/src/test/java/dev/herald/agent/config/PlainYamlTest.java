package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@link PlainYaml} against SnakeYAML Engine: for every input it either gives up or builds the
 * tree SnakeYAML composes (kinds, tags, values, styles, order, start and end marks), and the
 * readers make the same config or report the same problems from both trees.
 */
class PlainYamlTest {

  private static final Path FILE = Path.of("herald.yaml");
  private static final Function<String, String> NO_ENV = name -> name.equals("SET") ? "v" : null;

  /** Inputs written for the subset's edges; each either composes or gives up, never differs. */
  static final List<String> HANDWRITTEN = List.of(
      "", "# only a comment\n", "\n\n", "a: b", "a: b\n", "a: b\r\nc: d\r\n", "a:\n", "a:",
      "key:   value   # c\n", "key:value\n", "a: -1\n", "a: 'it''s'\n", "a: \"a # b\"\n",
      "a: b: c\n", "- - a\n  - b\n- c\n", "-a\n", "- -a\n", "key: [a, b]   # c\n",
      "name: Grüße 日本 ✓\n", "a: b   \n", "a:\n- x\n- y\nb: z\n", "a:\n  - x\n  - y\nb: z\n",
      "- a: 1\n  b: 2\n- c: 3\n", "- a:\n  - x\n  b: 2\n", "-\n- a\n", "- # c\n  a: b\n",
      "a: # c\n  b: c\n", "a:\n    b: 1\n  c: 2\n", "a: b\n  c\n", "a:\n  b\n", "  a: b\n  c: d\n",
      "  a: b\nc: d\n", "a: { b: c, d: [e, f] }\n", "a: {}\nb: []\n", "a: [a,]\n", "a: {b}\n",
      "a: \"x\\ty\"\n", "a: 'x\n  y'\n", "a: |\n  x\n", "a: &x b\nc: *x\n", "a: !!str b\n",
      "? a\n: b\n", "---\na: b\n", "a: b\n...\n", "%YAML 1.2\n---\na: b\n", "\ta: b\n",
      "a:\n\t- b\n", "\uFEFFa: b\n", "a: b\rc: d\n", "a: [b,\n  c]\n", "[a]: b\n", "\"a\": b\n",
      "a: b #c\n#d\n  # e\n", "a: b#c\n", "a: [b]#c\n", "a: 'b'#c\n", "a: 'b' c\n",
      "a: ${A}\nb: ${ A:-x }\nc: \"${A}\"\n", "a: http://h:8080/x\nb: { u: http://h:1/y }\n",
      "a:\n  -\n  - b\n", "a: 1\n- b\n", "- a\nb: c\n", "a:\n  - b\n  c: d\n", "a: - b\n",
      "a  : b\n", "a b: c d\n", "a: b,c\nd: e]\n", "a: {b: {c: {d: [e, [f, g]]}}}\n",
      "a: [\"*.failed.*\", 'x', y]\n", "a: 1\na: 2\n", "1: a\nnull: b\ntrue: c\n",
      "\"*\": other\n'a b': c\n", "- \"a\": b\n  'c': d\n", "a: {\"*\": x}\n", "\"a\":b\n",
      "'a' : b\n", "\"a\\b\": c\n", "'a''b': c\n", "a:\n  \"*\": x\n  save*: y\n",
      "<<: a\n=: b\na:b: c\n", "- a\n  # c\n- b", "a:\n  - x\n    # c\nb: y\n",
      "- a:\n  - x\n- b\n", "- a:\n   b: 1\n  c: 2\n", "-\n  - a\n", "a: b\n----\n");

  static List<String> repositoryFiles() {
    List<String> texts = new ArrayList<>();
    for (Path file : PlainYamlInputs.yamlFiles()) {
      texts.add(PlainYamlInputs.read(file));
    }
    return texts;
  }

  static List<String> markdownBlocks() {
    return PlainYamlInputs.markdownBlocks();
  }

  static List<String> testLiterals() {
    return PlainYamlInputs.testLiterals();
  }

  @ParameterizedTest
  @MethodSource("repositoryFiles")
  void composesRepositoryFilesLikeSnakeYaml(String text) {
    assertSameTreeOrGivesUp(text);
  }

  @ParameterizedTest
  @MethodSource("markdownBlocks")
  void composesDocumentationBlocksLikeSnakeYaml(String text) {
    assertSameTreeOrGivesUp(text);
  }

  @ParameterizedTest
  @MethodSource("testLiterals")
  void composesConfigTestInputsLikeSnakeYaml(String text) {
    assertSameTreeOrGivesUp(text);
  }

  @ParameterizedTest
  @MethodSource("dev.herald.agent.config.PlainYamlTest#handwritten")
  void composesEdgeCasesLikeSnakeYaml(String text) {
    assertSameTreeOrGivesUp(text);
  }

  static List<String> handwritten() {
    return HANDWRITTEN;
  }

  @Test
  void composesGeneratedDocumentsLikeSnakeYaml() {
    List<String> texts = PlainYamlInputs.generated(3000, 20_260_501L);
    int composed = 0;
    for (String text : texts) {
      if (assertSameTreeOrGivesUp(text)) {
        composed++;
      }
    }
    // the generator must reach both sides, or the comparison above proves little
    assertThat(composed).as("generated documents composed by the fast path")
        .isBetween(texts.size() / 5, texts.size() * 4 / 5);
  }

  @Test
  void composesTheDemoConfigAndEverySectionItself() {
    Path demo = PlainYamlInputs.root().resolve("examples/demo-app/demo/herald.yaml");
    Path design =
        PlainYamlInputs.root().resolve("agent/src/test/resources/config/design-example.yaml");
    for (String text : List.of(PlainYamlInputs.read(demo), PlainYamlInputs.read(design),
        ConfigStartupCostTest.EVERY_SECTION)) {
      assertThat(assertSameTreeOrGivesUp(text)).as("composed by the fast path:%n%s", text).isTrue();
    }
  }

  @Test
  void givesUpOnWhatOnlySnakeYamlReads() {
    for (String text : List.of("a: &x b\n", "a: *x\n", "a: !!int 1\n", "a: |\n  x\n", "a: >\n  x\n",
        "---\na: b\n", "a: b\n  c\n", "? a\n: b\n", "\ta: b\n", "a: \"\\n\"\n", "a: 'x\n  y'\n",
        "a: [b,\n  c]\n", "[a]: b\n", "\uFEFFa: b\n", "a: b: c\n", "", "# c\n")) {
      assertThat(PlainYaml.compose(text, "herald.yaml")).as("gives up on:%n%s", text).isNull();
    }
  }

  @Test
  void marksCarryTheLabelAndASnippet() {
    Node root = PlainYaml.compose("bus:\n  threads: x\n", "conf/herald.yaml");
    Node value = ((MappingNode) ((MappingNode) root).getValue().get(0).getValueNode()).getValue()
        .get(0).getValueNode();
    Mark mark = value.getStartMark().orElseThrow();
    assertThat(mark.getName()).isEqualTo("conf/herald.yaml");
    assertThat(mark.createSnippet()).contains("threads: x").contains("^");
  }

  /**
   * Composes {@code text} both ways: when the fast path gives a tree it must equal SnakeYAML's,
   * and reading either must give the same config or problems. True if the fast path composed it.
   */
  static boolean assertSameTreeOrGivesUp(String text) {
    Node fast = PlainYaml.compose(text, FILE.toString());
    Problems problems = new Problems(FILE);
    Optional<Node> slow = YamlComposer.composeWithSnakeYaml(text, problems);
    if (fast == null) {
      return false;
    }
    assertThat(problems.isEmpty()).as("SnakeYAML fails on what the fast path composed:%n%s", text)
        .isTrue();
    assertThat(slow).as("SnakeYAML finds no document in:%n%s", text).isPresent();
    assertThat(dump(fast)).as("the tree of:%n%s", text).isEqualTo(dump(slow.get()));
    assertThat(read(fast)).as("what the readers make of:%n%s", text).isEqualTo(read(slow.get()));
    return true;
  }

  /** What ConfigLoader makes of a composed tree: the config, or its problems. */
  private static String read(Node root) {
    Problems problems = new Problems(FILE);
    if (Values.isNull(root)) {
      return "empty";
    }
    HeraldConfig config = new ConfigReader(FILE, problems, NO_ENV).read(root);
    if (!problems.isEmpty()) {
      return problems.exception().problems().toString();
    }
    StringBuilder lines = new StringBuilder();
    for (ServiceEntry entry : config.services()) {
      lines.append(entry.index()).append('@').append(entry.line()).append(' ');
    }
    return config + " " + lines;
  }

  /** Every property SnakeYAML's readers could see, one node a line. */
  static String dump(Node root) {
    StringBuilder out = new StringBuilder();
    dump(root, "", out);
    return out.toString();
  }

  private static void dump(Node node, String indent, StringBuilder out) {
    out.append(indent).append(node.getClass().getSimpleName()).append(' ')
        .append(node.getTag().getValue()).append(node.isResolved() ? "" : " (explicit)")
        .append(" [").append(mark(node.getStartMark())).append(" - ")
        .append(mark(node.getEndMark())).append(']');
    if (node instanceof ScalarNode scalar) {
      out.append(' ').append(scalar.getScalarStyle()).append(" <").append(scalar.getValue())
          .append(">\n");
      return;
    }
    out.append(' ').append(((CollectionNode<?>) node).getFlowStyle()).append('\n');
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        dump(item, indent + "  ", out);
      }
    } else {
      for (NodeTuple tuple : ((MappingNode) node).getValue()) {
        dump(tuple.getKeyNode(), indent + "  ? ", out);
        dump(tuple.getValueNode(), indent + "  : ", out);
      }
    }
  }

  private static String mark(Optional<Mark> mark) {
    return mark.map(m -> m.getName() + " " + m.getLine() + ":" + m.getColumn() + "@" + m.getIndex())
        .orElse("none");
  }
}
