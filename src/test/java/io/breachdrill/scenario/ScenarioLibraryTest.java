package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The shipped scenarios: valid, editor-checkable, and as rich as the library promises. */
class ScenarioLibraryTest {

  static final Path LIBRARY = Path.of("scenarios");
  static final String SCHEMA_COMMENT = "# yaml-language-server: $schema=./scenario.schema.json";

  /** What the seed threat reporting says companies lack; the library must rehearse each. */
  static final Set<String> SEED_CONTROLS =
      Set.of(
          "identity-mfa",
          "network-segmentation",
          "access-logging",
          "backup-recovery",
          "access-inventory",
          "response-plan");

  static Schema schema;
  static List<ScenarioFile> files;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = Files.newInputStream(LIBRARY.resolve("scenario.schema.json"))) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    files = ScenarioLoader.readAll(ScenarioLoader.scenarioFiles(LIBRARY));
  }

  static Stream<Path> scenarioFiles() throws IOException {
    return ScenarioLoader.scenarioFiles(LIBRARY).stream();
  }

  private static Scenario scenario(Path path) {
    ScenarioFile file =
        files.stream().filter(f -> f.path().equals(path.toString())).findFirst().orElseThrow();
    assertThat(file.problems()).extracting(Problem::format).isEmpty();
    return file.scenario();
  }

  @Test
  void holdsTheEspionageScenarios() {
    assertThat(files)
        .extracting(f -> f.scenario().id())
        .containsExactlyInAnyOrder(
            "weights-walkout",
            "bucket-siphon",
            "contractor-keys",
            "tainted-checkpoint",
            "insider-model-code",
            "mfa-fatigue-tracking");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioFiles")
  void validatesAndNamesItsFile(Path path) {
    Scenario scenario = scenario(path);
    assertThat(path.getFileName().toString()).isEqualTo(scenario.id() + ".yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioFiles")
  void pointsEditorsAtTheSchemaAndPassesIt(Path path) throws IOException {
    String text = Files.readString(path);
    assertThat(text.lines().findFirst()).contains(SCHEMA_COMMENT);
    Object yaml = new Load(LoadSettings.builder().build()).loadFromString(text);
    JsonNode json = new ObjectMapper().valueToTree(yaml);
    assertThat(schema.validate(json)).extracting(Object::toString).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioFiles")
  void isRichEnoughToDrill(Path path) {
    Scenario s = scenario(path);
    assertThat(s.injects()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(s.channels()).hasSizeGreaterThanOrEqualTo(3);
    long branching =
        s.decisions().stream()
            .filter(
                d ->
                    s.followUps(d.id()).stream().map(i -> i.after().options()).distinct().count()
                        >= 2)
            .count();
    assertThat(branching)
        .as("decisions whose options lead to different injects")
        .isGreaterThanOrEqualTo(4);
    assertThat(s.playbook()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(s.phases()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(s.controls()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(s.injects().stream().filter(i -> i.channel().technical()))
        .allSatisfy(i -> assertThat(i.attack()).isNotEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioFiles")
  void saysWhoEveryInjectIsFrom(Path path) {
    assertThat(scenario(path).injects())
        .allSatisfy(i -> assertThat(i.sender()).as("sender of inject '%s'", i.id()).isNotBlank());
  }

  @Test
  void togetherRehearseEveryControlTheThreatReportingNames() {
    Set<String> covered =
        files.stream()
            .flatMap(f -> f.scenario().controls().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(covered).containsAll(SEED_CONTROLS);
  }

  @Test
  void useBothAttackAndAtlasTechniques() {
    Set<String> techniques =
        files.stream().flatMap(f -> f.scenario().techniques().stream()).collect(Collectors.toSet());
    assertThat(techniques).anyMatch(t -> t.startsWith("AML.T")).anyMatch(t -> t.startsWith("T"));
  }

  /** Editors flag each bad sender as it is typed, one complaint per inject the parser reports. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "sender-empty",
        "sender-not-text",
        "sender-too-long",
        "sender-control-character",
        "did-you-mean-sender"
      })
  void schemaRejectsEverySenderTheParserRejects(String fixture) throws IOException {
    String text = Files.readString(ScenarioCorpusTest.BROKEN.resolve(fixture + ".yaml"));
    long reported = text.lines().filter(line -> line.startsWith("# expect: ")).count();
    Object yaml = new Load(LoadSettings.builder().build()).loadFromString(text);

    List<String> errors =
        schema.validate(new ObjectMapper().valueToTree(yaml)).stream()
            .map(Object::toString)
            .toList();

    assertThat(errors).isNotEmpty().allMatch(e -> e.contains("sender") || e.contains("sendr"));
    assertThat(errors.stream().map(ScenarioLibraryTest::injectIndex).distinct())
        .hasSize((int) reported);
  }

  private static String injectIndex(String error) {
    Matcher matcher = Pattern.compile("injects\\W(\\d+)").matcher(error);
    assertThat(matcher.find()).as("an inject's path in %s", error).isTrue();
    return matcher.group(1);
  }

  @Test
  void schemaRejectsWhatTheValidatorRejects() throws IOException {
    Path broken = Path.of("src/test/resources/scenario/broken/unknown-key.yaml");
    Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(broken));
    assertThat(schema.validate(new ObjectMapper().valueToTree(yaml))).isNotEmpty();
  }
}
