package io.breachdrill.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML of one scenario file into model records, keeping the position of every node.
 * Structural problems (syntax, unknown or missing keys, wrong types, bad durations and ids) are
 * collected rather than thrown, so a file reports all of them at once; what could not be read is
 * left null for the validator to skip.
 */
final class ScenarioParser {

  static final List<String> SCENARIO_KEYS =
      List.of(
          "id",
          "title",
          "summary",
          "duration",
          "late_floor",
          "roles",
          "playbook",
          "injects",
          "hotwash",
          "tests");
  static final List<String> STEP_KEYS =
      List.of("id", "title", "phase", "control", "weight", "from", "due");
  static final List<String> INJECT_KEYS =
      List.of(
          "id", "at", "after", "channel", "sender", "title", "to", "attack", "body", "decision");
  static final List<String> AFTER_KEYS = List.of("decision", "option", "delay");
  static final List<String> DECISION_KEYS = List.of("id", "prompt", "time_limit", "options");
  static final List<String> OPTION_KEYS = List.of("id", "text", "performs", "harms");
  static final List<String> HOTWASH_KEYS = List.of("id", "question");
  static final List<String> TEST_KEYS = List.of("name", "path", "expect");
  static final List<String> CHOICE_KEYS = List.of("option", "after");
  static final List<String> EXPECT_KEYS = List.of("score", "percent", "steps");
  static final List<String> TEST_FILE_KEYS = List.of("tests");
  static final int TEST_NAME_MAX_LENGTH = 200;

  /** In characters (code points), as JSON Schema's maxLength counts them. */
  static final int SENDER_MAX_LENGTH = 200;

  static final String NEEDS_AT_LEAST =
      "a scenario needs at least id, title, summary, duration, roles, playbook and injects";

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final SourceMap source = new SourceMap();
  private final List<ScenarioTest> tests = new ArrayList<>();
  private boolean incompleteDecisions;

  private ScenarioParser(String file) {
    this.file = file;
  }

  /**
   * What could be read. {@code incompleteDecisions} says some decision, option or 'performs' could
   * not be read, so which steps the options perform is not fully known.
   */
  record Result(
      Scenario scenario,
      SourceMap source,
      List<Problem> problems,
      boolean incompleteDecisions,
      List<ScenarioTest> tests) {}

  static Result parse(String file, String text) {
    ScenarioParser parser = new ScenarioParser(file);
    MappingNode root = parser.root(text, "a scenario file", SCENARIO_KEYS);
    Scenario scenario = root == null ? null : parser.scenario(root);
    return new Result(
        scenario,
        parser.source,
        parser.problems,
        parser.incompleteDecisions,
        List.copyOf(parser.tests));
  }

  /** A sibling {@code <id>.test.yaml}: a mapping whose one key, {@code tests}, lists tests. */
  static Result parseTests(String file, String text) {
    ScenarioParser parser = new ScenarioParser(file);
    MappingNode root = parser.root(text, "a scenario test file", TEST_FILE_KEYS);
    if (root != null) {
      Fields fields = parser.new Fields(root, TEST_FILE_KEYS);
      fields.reportUnknown("a scenario test file");
      parser.tests(fields.required("tests", "a scenario test file"));
    }
    return new Result(null, parser.source, parser.problems, false, List.copyOf(parser.tests));
  }

  /** Where the second document starts: the first '---' line after the first document. */
  private static Position secondDocument(String text, Node first) {
    int after = first.getEndMark().map(m -> m.getLine()).orElse(0);
    List<String> lines = text.lines().toList();
    for (int i = after; i < lines.size(); i++) {
      if (lines.get(i).equals("---") || lines.get(i).startsWith("--- ")) {
        return new Position(i + 1, 1);
      }
    }
    return new Position(Math.min(after + 1, Math.max(lines.size(), 1)), 1);
  }

  /** What one item of a list-valued key is, for messages. */
  private static String noun(String key) {
    return switch (key) {
      case "roles", "to" -> "role id";
      case "performs", "harms" -> "playbook step id";
      case "from" -> "inject id";
      case "decision" -> "decision id";
      case "option" -> "option id";
      case "control" -> "control id";
      default -> key;
    };
  }

  /** The document's root mapping, or null once what is wrong with the YAML is reported. */
  private MappingNode root(String text, String subject, List<String> keys) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(20)
            .build();
    Node root;
    try {
      Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
      if (!documents.hasNext()) {
        error(
            Position.START,
            "the file holds no YAML document; "
                + (keys == SCENARIO_KEYS ? NEEDS_AT_LEAST : "it needs the key 'tests'"));
        return null;
      }
      root = documents.next();
      if (documents.hasNext()) {
        error(
            secondDocument(text, root),
            (keys == SCENARIO_KEYS
                    ? "only one scenario (one YAML document)"
                    : "only one YAML document")
                + " is allowed per file; remove this '---'");
        return null;
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem().strip();
      String context = "";
      if (e.getContext() != null) {
        context =
            " ("
                + e.getContext()
                + e.getContextMark()
                    .map(ScenarioParser::position)
                    .map(p -> " that starts at line " + p.line() + ", column " + p.column())
                    .orElse("")
                + ")";
      }
      error(
          mark.map(ScenarioParser::position).orElse(Position.START),
          "YAML syntax error: " + problem + context);
      return null;
    } catch (YamlEngineException e) {
      error(Position.START, "YAML error: " + e.getMessage());
      return null;
    } catch (StackOverflowError e) {
      // The YAML library reads nested collections recursively; a scenario never nests this deep.
      error(
          Position.START,
          "the YAML nests too deeply to read; a scenario needs only a few levels of lists and"
              + " mappings");
      return null;
    }
    if (!(root instanceof MappingNode mapping)) {
      error(
          position(root),
          subject
              + " must be a mapping with keys "
              + String.join(", ", keys)
              + "; found "
              + kind(root));
      return null;
    }
    return mapping;
  }

  private Scenario scenario(MappingNode node) {
    Fields fields = new Fields(node, SCENARIO_KEYS);
    String id = id(fields.required("id", "the scenario"), "id");
    fields.reportUnknown("the scenario");
    String title = text(fields.required("title", "the scenario"), "title");
    String summary = text(fields.required("summary", "the scenario"), "summary");
    Duration duration = duration(fields.required("duration", "the scenario"), "duration");
    Integer lateFloor = null;
    Node floorNode = fields.get("late_floor");
    if (floorNode != null) {
      Long floor = integer(floorNode, "late_floor");
      if (floor != null && (floor < 0 || floor > 100)) {
        error(position(floorNode), "'late_floor' is a percentage from 0 to 100, got " + floor);
      } else if (floor != null) {
        lateFloor = floor.intValue();
      }
    }
    List<String> roles = idList(fields.required("roles", "the scenario"), "roles", fields.marks);

    List<PlaybookStep> playbook = new ArrayList<>();
    Node playbookNode = fields.required("playbook", "the scenario");
    for (Node item : items(playbookNode, "playbook")) {
      PlaybookStep step = step(item);
      if (step != null) {
        playbook.add(step);
      }
    }
    List<Inject> injects = new ArrayList<>();
    Node injectsNode = fields.required("injects", "the scenario");
    if (injectsNode != null && !(injectsNode instanceof SequenceNode)) {
      incompleteDecisions = true;
    }
    for (Node item : items(injectsNode, "injects")) {
      Inject inject = inject(item);
      if (inject != null) {
        injects.add(inject);
      }
    }
    if (playbookNode != null && playbook.isEmpty() && isEmptyList(playbookNode)) {
      error(position(playbookNode), "the playbook is empty: scoring needs at least one step");
    }
    if (injectsNode != null && injects.isEmpty() && isEmptyList(injectsNode)) {
      error(position(injectsNode), "there are no injects: a drill needs at least one");
    }
    List<HotwashQuestion> hotwash = new ArrayList<>();
    Node hotwashNode = fields.get("hotwash");
    if (hotwashNode != null) {
      Set<String> seen = new HashSet<>();
      for (Node item : items(hotwashNode, "hotwash")) {
        HotwashQuestion question = hotwashQuestion(item, seen);
        if (question != null) {
          hotwash.add(question);
        }
      }
    }
    Node testsNode = fields.get("tests");
    if (testsNode != null) {
      tests(testsNode);
    }
    Scenario scenario =
        new Scenario(
            id,
            title,
            summary,
            duration,
            lateFloor,
            roles,
            playbook,
            injects,
            List.copyOf(hotwash));
    source.record(scenario, fields.marks);
    return scenario;
  }

  private void tests(Node node) {
    Set<String> names = new HashSet<>();
    for (Node item : items(node, "tests")) {
      ScenarioTest test = test(item, names);
      if (test != null) {
        tests.add(test);
      }
    }
  }

  /** One test: a unique one-line name, a path of decisions and what the path must score. */
  private ScenarioTest test(Node item, Set<String> names) {
    MappingNode node = mapping(item, "a test", TEST_KEYS);
    if (node == null) {
      return null;
    }
    Fields fields = new Fields(node, TEST_KEYS);
    String name = text(fields.required("name", "a test"), "name");
    String what = name == null ? "a test" : "test '" + name + "'";
    fields.reportUnknown(what);
    if (name != null
        && (name.codePointCount(0, name.length()) > TEST_NAME_MAX_LENGTH
            || name.codePoints().anyMatch(ScenarioParser::isControl))) {
      error(
          fields.marks.get("name"),
          "a test's 'name' must be one line of at most " + TEST_NAME_MAX_LENGTH + " characters");
      name = null;
    } else if (name != null && !names.add(name)) {
      error(fields.marks.get("name"), "there is already a test named '" + name + "' in this file");
      name = null;
    }
    List<ScenarioTest.Choice> path = path(fields.required("path", what), what);
    Node expectNode = fields.required("expect", what);
    MappingNode expect = expectNode == null ? null : mapping(expectNode, "'expect'", EXPECT_KEYS);
    if (expect == null) {
      return null;
    }
    Fields expected = new Fields(expect, EXPECT_KEYS);
    expected.reportUnknown("'expect' of " + what);
    Node scoreNode = expected.get("score");
    Node percentNode = expected.get("percent");
    if (scoreNode == null && percentNode == null) {
      error(
          position(expect),
          "'expect' of "
              + what
              + " names neither 'score' (earned points) nor 'percent'; a test states the total"
              + " score its path reaches");
    }
    BigDecimal score = scoreNode == null ? null : decimal(scoreNode, "score", 3);
    BigDecimal percent = percentNode == null ? null : decimal(percentNode, "percent", 1);
    Node stepsNode = expected.get("steps");
    List<ScenarioTest.StepExpectation> steps = stepsNode == null ? List.of() : outcomes(stepsNode);
    if (name == null
        || path == null
        || steps == null
        || (scoreNode != null && score == null)
        || (percentNode != null && percent == null)
        || (score == null && percent == null)) {
      return null;
    }
    return new ScenarioTest(
        file,
        name,
        fields.marks.get("name"),
        path,
        score,
        expected.marks.get("score"),
        percent,
        expected.marks.get("percent"),
        steps);
  }

  /** Decision id to option id, or to a mapping with the option and when it is chosen. */
  private List<ScenarioTest.Choice> path(Node node, String what) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
      return List.of();
    }
    if (!(node instanceof MappingNode mapping)) {
      error(
          position(node),
          "'path' of "
              + what
              + " must map decision ids to option ids, like 'd1: revoke'; found "
              + kind(node));
      return null;
    }
    Fields fields = new Fields(mapping, List.of());
    int problemsBefore = problems.size();
    List<ScenarioTest.Choice> choices = new ArrayList<>();
    for (Map.Entry<String, Node> entry : fields.values.entrySet()) {
      Position at = fields.keyMarks.get(entry.getKey());
      String decision = checkedId(entry.getKey(), "decision", at);
      Node value = entry.getValue();
      String option;
      Duration after = Duration.ZERO;
      if (value instanceof MappingNode choice) {
        Fields chosen = new Fields(choice, CHOICE_KEYS);
        chosen.reportUnknown("the choice for '" + entry.getKey() + "'");
        option = id(chosen.required("option", "the choice for '" + entry.getKey() + "'"), "option");
        Node afterNode = chosen.get("after");
        if (afterNode != null) {
          after = duration(afterNode, "after");
        }
      } else {
        option = id(value, "option");
      }
      if (decision != null && option != null && after != null) {
        choices.add(new ScenarioTest.Choice(decision, option, after, at));
      }
    }
    return problems.size() > problemsBefore ? null : List.copyOf(choices);
  }

  private List<ScenarioTest.StepExpectation> outcomes(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      error(
          position(node),
          "'steps' must map playbook step ids to outcomes, like 'revoke-access: on-time'; found "
              + kind(node));
      return null;
    }
    Fields fields = new Fields(mapping, List.of());
    int problemsBefore = problems.size();
    List<ScenarioTest.StepExpectation> steps = new ArrayList<>();
    for (Map.Entry<String, Node> entry : fields.values.entrySet()) {
      Position at = fields.keyMarks.get(entry.getKey());
      String step = checkedId(entry.getKey(), "performs", at);
      String outcome =
          keyword(
              entry.getValue(),
              "outcome",
              w -> ScenarioTest.OUTCOMES.contains(w) ? Optional.of(w) : Optional.empty(),
              ScenarioTest.OUTCOMES);
      if (step != null && outcome != null) {
        steps.add(new ScenarioTest.StepExpectation(step, outcome, at));
      }
    }
    return problems.size() > problemsBefore ? null : List.copyOf(steps);
  }

  private String checkedId(String value, String key, Position at) {
    if (ID.matcher(value).matches()) {
      return value;
    }
    error(
        at,
        "'"
            + value
            + "' is not a valid "
            + noun(key)
            + ": use lower-case words and digits joined by hyphens, like 'revoke-access'");
    return null;
  }

  /** A number with at most {@code scale} decimals, as scores are exact to that many. */
  private BigDecimal decimal(Node node, String key, int scale) {
    if (node instanceof ScalarNode scalar
        && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      BigDecimal value;
      try {
        value = new BigDecimal(scalar.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        error(position(node), "'" + key + "' " + scalar.getValue() + " is not a usable number");
        return null;
      }
      if (value.stripTrailingZeros().scale() > scale) {
        error(
            position(node),
            "'"
                + key
                + "' "
                + scalar.getValue()
                + " has more than "
                + scale
                + (scale == 1
                    ? " decimal; percentages are rounded to one decimal"
                    : " decimals; points are exact to thousandths"));
        return null;
      }
      return value;
    }
    String found = node instanceof ScalarNode scalar ? "'" + scalar.getValue() + "'" : kind(node);
    error(position(node), "'" + key + "' must be a number, like 72.5; found " + found);
    return null;
  }

  private boolean isEmptyList(Node node) {
    return node instanceof SequenceNode sequence && sequence.getValue().isEmpty();
  }

  /** A hotwash question: an id unique in the scenario and one line of text. */
  private HotwashQuestion hotwashQuestion(Node item, Set<String> seen) {
    MappingNode node = mapping(item, "a hotwash question", HOTWASH_KEYS);
    if (node == null) {
      return null;
    }
    Fields fields = new Fields(node, HOTWASH_KEYS);
    String id = id(fields.required("id", "a hotwash question"), "id");
    String what = id == null ? "a hotwash question" : "hotwash question '" + id + "'";
    fields.reportUnknown(what);
    String question = text(fields.required("question", what), "question");
    if (id != null && !seen.add(id)) {
      error(fields.marks.get("id"), "hotwash question '" + id + "' is asked twice");
      return null;
    }
    if (question != null
        && (question.codePointCount(0, question.length()) > HotwashQuestion.MAX_LENGTH
            || question.chars().anyMatch(Character::isISOControl))) {
      error(
          fields.marks.get("question"),
          "'question' must be one line of at most " + HotwashQuestion.MAX_LENGTH + " characters");
      return null;
    }
    return id == null || question == null ? null : new HotwashQuestion(id, question);
  }

  private PlaybookStep step(Node item) {
    MappingNode node = mapping(item, "a playbook step", STEP_KEYS);
    if (node == null) {
      return null;
    }
    Fields fields = new Fields(node, STEP_KEYS);
    String id = id(fields.required("id", "a playbook step"), "id");
    String what = id == null ? "a playbook step" : "playbook step '" + id + "'";
    fields.reportUnknown(what);
    String title = text(fields.required("title", what), "title");
    Phase phase = keyword(fields.required("phase", what), "phase", Phase::fromKey, Phase.keys());
    String control = id(fields.required("control", what), "control");
    Long weight = integer(fields.required("weight", what), "weight");
    Node fromNode = fields.get("from");
    String from = fromNode == null ? null : id(fromNode, "from");
    Duration due = duration(fields.required("due", what), "due");
    if (weight != null && Math.abs(weight) > 1_000_000) {
      error(
          fields.marks.get("weight"),
          "'weight' " + weight + " is out of range; keep weights small");
      weight = null;
    }
    // A weight that could not be read was reported; 1 keeps the validator from reporting it twice.
    PlaybookStep step =
        new PlaybookStep(
            id, title, phase, control, weight == null ? 1 : weight.intValue(), from, due);
    source.record(step, fields.marks);
    return step;
  }

  private Inject inject(Node item) {
    MappingNode node = mapping(item, "an inject", INJECT_KEYS);
    if (node == null) {
      incompleteDecisions = true;
      return null;
    }
    Fields fields = new Fields(node, INJECT_KEYS);
    String id = id(fields.required("id", "an inject"), "id");
    String what = id == null ? "an inject" : "inject '" + id + "'";
    fields.reportUnknown(what);

    Node atNode = fields.get("at");
    Node afterNode = fields.get("after");
    Duration at = atNode == null ? null : duration(atNode, "at");
    Inject.After after = afterNode == null ? null : after(afterNode, what);
    if (atNode == null && afterNode == null) {
      error(position(node), what + " needs 'at' (drill time) or 'after' (a decision's branch)");
    } else if (atNode != null && afterNode != null) {
      error(
          fields.keyMarks.get("after"),
          what
              + " has both 'at' and 'after'; keep one: 'at' for a fixed time, 'after' for a branch");
    }

    Channel channel =
        keyword(fields.required("channel", what), "channel", Channel::fromKey, Channel.keys());
    Node senderNode = fields.get("sender");
    String sender = senderNode == null ? null : sender(senderNode);
    Node titleNode = fields.get("title");
    String title = titleNode == null ? null : text(titleNode, "title");
    Node toNode = fields.get("to");
    List<String> to = toNode == null ? List.of() : idList(toNode, "to", fields.marks);
    if (toNode instanceof SequenceNode sequence && sequence.getValue().isEmpty()) {
      error(position(toNode), "'to' is empty: leave it out to send " + what + " to the whole team");
    }
    Node attackNode = fields.get("attack");
    List<String> attack =
        attackNode == null ? List.of() : textList(attackNode, "attack", fields.marks);
    String body = text(fields.required("body", what), "body");
    Node decisionNode = fields.get("decision");
    Decision decision = decisionNode == null ? null : decision(decisionNode, what);

    Inject inject = new Inject(id, at, after, channel, sender, title, to, attack, body, decision);
    source.record(inject, fields.marks);
    return inject;
  }

  private Inject.After after(Node item, String what) {
    if (!(item instanceof MappingNode node)) {
      error(
          position(item),
          "'after' must be a mapping like {decision: d1, option: watch, delay: 5m}"
              + "; found "
              + kind(item));
      return null;
    }
    Fields fields = new Fields(node, AFTER_KEYS);
    fields.reportUnknown("'after' of " + what);
    String decision = id(fields.required("decision", "'after' of " + what), "decision");
    Node optionNode = fields.required("option", "'after' of " + what);
    List<String> options = null;
    if (optionNode instanceof ScalarNode) {
      String option = id(optionNode, "option");
      options = option == null ? null : List.of(option);
      fields.marks.put(SourceMap.itemKey("option", 0), position(optionNode));
    } else if (optionNode != null) {
      options = idList(optionNode, "option", fields.marks);
      if (options != null && options.isEmpty()) {
        error(position(optionNode), "'option' is empty: name the option (or options) this follows");
      }
    }
    Node delayNode = fields.get("delay");
    Duration delay = delayNode == null ? Duration.ZERO : duration(delayNode, "delay");
    Inject.After after = new Inject.After(decision, options, delay);
    source.record(after, fields.marks);
    return after;
  }

  private Decision decision(Node item, String injectWhat) {
    MappingNode node = mapping(item, "'decision' of " + injectWhat, DECISION_KEYS);
    if (node == null) {
      incompleteDecisions = true;
      return null;
    }
    Fields fields = new Fields(node, DECISION_KEYS);
    String id = id(fields.required("id", "the decision of " + injectWhat), "id");
    String what = id == null ? "the decision of " + injectWhat : "decision '" + id + "'";
    fields.reportUnknown(what);
    String prompt = text(fields.required("prompt", what), "prompt");
    Node limitNode = fields.get("time_limit");
    Duration timeLimit = limitNode == null ? null : duration(limitNode, "time_limit");
    List<DecisionOption> options = new ArrayList<>();
    Node optionsNode = fields.required("options", what);
    List<Node> items = items(optionsNode, "options");
    for (Node option : items) {
      DecisionOption parsed = option(option, what);
      if (parsed != null) {
        options.add(parsed);
      }
    }
    if (optionsNode instanceof SequenceNode && items.isEmpty()) {
      error(position(optionsNode), what + " has no options: give the team at least two");
    } else if (items.size() == 1) {
      error(
          position(optionsNode),
          what + " has only one option: a decision needs at least two real choices");
    }
    if (!(optionsNode instanceof SequenceNode) || options.size() < items.size()) {
      incompleteDecisions = true;
    }
    Decision decision = new Decision(id, prompt, timeLimit, options);
    source.record(decision, fields.marks);
    return decision;
  }

  private DecisionOption option(Node item, String decisionWhat) {
    MappingNode node = mapping(item, "an option of " + decisionWhat, OPTION_KEYS);
    if (node == null) {
      return null;
    }
    Fields fields = new Fields(node, OPTION_KEYS);
    String id = id(fields.required("id", "an option of " + decisionWhat), "id");
    String what =
        id == null ? "an option of " + decisionWhat : "option '" + id + "' of " + decisionWhat;
    fields.reportUnknown(what);
    if (Inject.After.TIMEOUT.equals(id)) {
      error(
          fields.marks.get("id"),
          "'timeout' is reserved for the branch taken when nobody "
              + "answers in time; give this option another id");
    }
    String text = text(fields.required("text", what), "text");
    Node performsNode = fields.get("performs");
    int problemsBefore = problems.size();
    List<String> performs =
        performsNode == null ? List.of() : idList(performsNode, "performs", fields.marks);
    if (problems.size() > problemsBefore) {
      incompleteDecisions = true;
    }
    Node harmsNode = fields.get("harms");
    List<String> harms = harmsNode == null ? List.of() : idList(harmsNode, "harms", fields.marks);
    DecisionOption option = new DecisionOption(id, text, performs, harms);
    source.record(option, fields.marks);
    return option;
  }

  /** The item as a mapping, or null once it is reported as something else. */
  private MappingNode mapping(Node item, String subject, List<String> keys) {
    if (item instanceof MappingNode node) {
      return node;
    }
    error(
        position(item),
        subject
            + " must be a mapping with keys "
            + String.join(", ", keys)
            + "; found "
            + kind(item));
    return null;
  }

  private List<Node> items(Node node, String key) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    error(
        position(node),
        "'" + key + "' must be a list (items starting with '- '); found " + kind(node));
    return List.of();
  }

  private String text(Node node, String key) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar) {
      if (Tag.NULL.equals(scalar.getTag())) {
        error(position(node), "'" + key + "' is empty");
        return null;
      }
      if (scalar.getValue().isBlank()) {
        error(position(node), "'" + key + "' is blank");
        return null;
      }
      return scalar.getValue();
    }
    error(position(node), "'" + key + "' must be text; found " + kind(node));
    return null;
  }

  /** Who an inject is from: one line the team sees in the channel, so no control characters. */
  private String sender(Node node) {
    String value = text(node, "sender");
    if (value == null) {
      return null;
    }
    int length = value.codePointCount(0, value.length());
    if (length > SENDER_MAX_LENGTH) {
      error(
          position(node),
          "'sender' is "
              + length
              + " characters long; keep it to at most "
              + SENDER_MAX_LENGTH
              + ", like 'Dana Ruiz, Meridian Newswire security lead'");
      return null;
    }
    OptionalInt control = value.codePoints().filter(ScenarioParser::isControl).findFirst();
    if (control.isPresent()) {
      error(
          position(node),
          isLineBreak(control.getAsInt())
              ? "'sender' must be one line; it holds a line break"
              : "'sender' holds the control character "
                  + String.format("U+%04X", control.getAsInt())
                  + "; write it as plain text on one line");
      return null;
    }
    return value;
  }

  private static boolean isControl(int codePoint) {
    return Character.isISOControl(codePoint) || isLineBreak(codePoint);
  }

  private static boolean isLineBreak(int codePoint) {
    return codePoint == '\n'
        || codePoint == '\r'
        || codePoint == 0x85
        || codePoint == 0x2028
        || codePoint == 0x2029;
  }

  /** One of a fixed set of words, such as a phase or a channel. */
  private <T> T keyword(
      Node node, String key, Function<String, Optional<T>> lookup, List<String> words) {
    String word = text(node, key);
    if (word == null) {
      return null;
    }
    Optional<T> value = lookup.apply(word);
    if (value.isEmpty()) {
      error(
          position(node),
          "unknown "
              + key
              + " '"
              + word
              + "'"
              + Suggestions.didYouMean(word, words)
              + "; use one of "
              + String.join(", ", words));
    }
    return value.orElse(null);
  }

  private String id(Node node, String key) {
    String value = text(node, key);
    return value == null ? null : checkedId(value, key, position(node));
  }

  private Duration duration(Node node, String key) {
    if (node instanceof ScalarNode scalar
        && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      error(
          position(node),
          "'" + key + "' " + scalar.getValue() + " needs a unit: write it like 90s, 15m or 1h30m");
      return null;
    }
    String value = text(node, key);
    if (value == null) {
      return null;
    }
    Optional<Duration> duration = Durations.parse(value.strip());
    if (duration.isEmpty() && value.strip().matches("\\d+")) {
      error(
          position(node),
          "'" + key + "' " + value + " needs a unit: write it like 90s, 15m or 1h30m");
      return null;
    }
    if (duration.isEmpty()) {
      error(
          position(node),
          "bad duration '" + value + "' for '" + key + "': write it like 90s, 15m or 1h30m");
      return null;
    }
    return duration.get();
  }

  private Long integer(Node node, String key) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
      error(position(node), "'" + key + "' is empty");
      return null;
    }
    if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
      try {
        return Long.parseLong(scalar.getValue().replace("_", "").replace("+", ""));
      } catch (NumberFormatException e) {
        error(position(node), "'" + key + "' " + scalar.getValue() + " is not a usable number");
        return null;
      }
    }
    String found = node instanceof ScalarNode scalar ? "'" + scalar.getValue() + "'" : kind(node);
    error(position(node), "'" + key + "' must be a whole number; found " + found);
    return null;
  }

  private List<String> idList(Node node, String key, Map<String, Position> marks) {
    return list(node, key, marks, true);
  }

  private List<String> textList(Node node, String key, Map<String, Position> marks) {
    return list(node, key, marks, false);
  }

  private List<String> list(Node node, String key, Map<String, Position> marks, boolean ids) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(
          position(node),
          "'" + key + "' must be a list, like [" + example(key) + "]; found " + kind(node));
      return null;
    }
    List<String> values = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String value = ids ? id(item, key) : text(item, key);
      if (value != null) {
        marks.put(SourceMap.itemKey(key, values.size()), position(item));
        values.add(value);
      }
    }
    return values;
  }

  private static String example(String key) {
    return switch (key) {
      case "attack" -> "T1078.004, AML.T0035";
      case "roles", "to" -> "incident-commander, soc-analyst";
      default -> "step-one, step-two";
    };
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
      return "nothing";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  static Position position(Node node) {
    return node.getStartMark().map(ScenarioParser::position).orElse(Position.START);
  }

  static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private void error(Position position, String message) {
    problems.add(Problem.at(file, position == null ? Position.START : position, message));
  }

  /** The keys of one mapping: duplicates and unknown keys are reported, missing ones on demand. */
  private final class Fields {
    private final MappingNode node;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Position> keyMarks = new HashMap<>();
    private final Map<String, Position> marks = new HashMap<>();
    private final Map<String, String> unknownKeys = new LinkedHashMap<>();

    /** Collects the keys; each unknown key remembers the allowed key it is likely a typo of. */
    Fields(MappingNode node, List<String> allowed) {
      this.node = node;
      marks.put("", position(node));
      for (NodeTuple tuple : node.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalar)) {
          error(position(keyNode), "keys must be plain words; found " + kind(keyNode));
          continue;
        }
        String key = scalar.getValue();
        if (values.containsKey(key)) {
          error(
              position(keyNode),
              "duplicate key '" + key + "' (first given at line " + keyMarks.get(key).line() + ")");
          continue;
        }
        values.put(key, tuple.getValueNode());
        keyMarks.put(key, position(keyNode));
        marks.put(key, position(tuple.getValueNode()));
        if (!allowed.contains(key)) {
          List<String> unused =
              allowed.stream()
                  .filter(
                      k ->
                          !node.getValue().stream()
                              .anyMatch(
                                  t ->
                                      t.getKeyNode() instanceof ScalarNode n
                                          && n.getValue().equals(k)))
                  .toList();
          unknownKeys.put(
              key,
              Suggestions.closest(key, unused)
                  .or(() -> Suggestions.closest(key, allowed))
                  .orElse(null));
        }
      }
    }

    void reportUnknown(String what) {
      unknownKeys.forEach(
          (key, suggestion) ->
              error(
                  keyMarks.get(key),
                  "unknown key '"
                      + key
                      + "' in "
                      + what
                      + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")));
    }

    Node get(String key) {
      return values.get(key);
    }

    /** A missing key that an unknown key was probably meant to be is reported once, as a typo. */
    Node required(String key, String what) {
      Node value = values.get(key);
      if (value == null && !unknownKeys.containsValue(key)) {
        error(position(node), what + " is missing required key '" + key + "'");
      }
      return value;
    }
  }
}
