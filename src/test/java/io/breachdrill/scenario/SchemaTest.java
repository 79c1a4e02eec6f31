package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON Schema editors use must describe exactly the format the parser reads. */
class SchemaTest {

  static JsonNode schema;

  @BeforeAll
  static void load() throws IOException {
    schema = new ObjectMapper().readTree(Path.of("scenarios/scenario.schema.json").toFile());
  }

  private static List<String> keys(JsonNode objectSchema) {
    List<String> keys = new ArrayList<>();
    objectSchema.get("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> enumValues(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.get("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void hasTheParsersKeysEverywhere() {
    JsonNode defs = schema.get("$defs");
    assertThat(keys(schema)).containsExactlyInAnyOrderElementsOf(ScenarioParser.SCENARIO_KEYS);
    assertThat(keys(defs.get("step")))
        .containsExactlyInAnyOrderElementsOf(ScenarioParser.STEP_KEYS);
    assertThat(keys(defs.get("inject")))
        .containsExactlyInAnyOrderElementsOf(ScenarioParser.INJECT_KEYS);
    assertThat(keys(defs.get("inject").get("properties").get("after")))
        .containsExactlyInAnyOrderElementsOf(ScenarioParser.AFTER_KEYS);
    assertThat(keys(defs.get("decision")))
        .containsExactlyInAnyOrderElementsOf(ScenarioParser.DECISION_KEYS);
    assertThat(keys(defs.get("option")))
        .containsExactlyInAnyOrderElementsOf(ScenarioParser.OPTION_KEYS);
  }

  @Test
  void describesScenarioTestsAsTheParserReadsThem() throws IOException {
    JsonNode tests = schema.get("$defs").get("tests");
    JsonNode test = tests.get("items");
    assertThat(keys(test)).containsExactlyInAnyOrderElementsOf(ScenarioParser.TEST_KEYS);
    JsonNode expect = test.get("properties").get("expect");
    assertThat(keys(expect)).containsExactlyInAnyOrderElementsOf(ScenarioParser.EXPECT_KEYS);
    assertThat(enumValues(expect.get("properties").get("steps").get("additionalProperties")))
        .containsExactlyElementsOf(ScenarioTest.OUTCOMES);
    JsonNode choice =
        test.get("properties").get("path").get("additionalProperties").get("oneOf").get(1);
    assertThat(keys(choice)).containsExactlyInAnyOrderElementsOf(ScenarioParser.CHOICE_KEYS);
    assertThat(keys(schema.get("$defs").get("testFile")))
        .containsExactlyElementsOf(ScenarioParser.TEST_FILE_KEYS);
    JsonNode testFiles =
        new ObjectMapper().readTree(Path.of("scenarios/scenario-tests.schema.json").toFile());
    assertThat(testFiles.get("$ref").asText())
        .as("editors check <id>.test.yaml files against the scenario schema's test file")
        .isEqualTo("scenario.schema.json#/$defs/testFile");
  }

  @Test
  void limitsTheSenderAsTheParserDoes() {
    JsonNode sender = schema.get("$defs").get("inject").get("properties").get("sender");
    assertThat(sender.get("type").asText()).isEqualTo("string");
    assertThat(sender.get("minLength").asInt()).isEqualTo(1);
    assertThat(sender.get("maxLength").asInt()).isEqualTo(ScenarioParser.SENDER_MAX_LENGTH);
    assertThat(sender.get("description").asText()).isNotBlank();
  }

  @Test
  void hasThePhasesChannelsAndTechniqueForm() {
    JsonNode defs = schema.get("$defs");
    assertThat(enumValues(defs.get("step").get("properties").get("phase")))
        .containsExactlyElementsOf(Phase.keys());
    assertThat(enumValues(defs.get("inject").get("properties").get("channel")))
        .containsExactlyElementsOf(Channel.keys());
    assertThat(defs.get("technique").get("pattern").asText())
        .isEqualTo("^" + ScenarioValidator.TECHNIQUE.pattern() + "$");
  }
}
