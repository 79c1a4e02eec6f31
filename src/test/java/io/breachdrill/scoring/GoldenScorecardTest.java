package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario played by two scripted teams, its whole scorecard compared with a stored
 * file: First takes each decision's first option as soon as it arrives (checked every 30 seconds),
 * Last lets every decision run out. Run with {@code -Dgolden.update=true} to rewrite the files
 * after a deliberate change, and review the diff.
 */
class GoldenScorecardTest {

  static final Path GOLDEN = Path.of("src/test/resources/scoring/golden");
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  static Stream<ScenarioFile> shipped() throws IOException {
    return ScenarioLoader.readAll(ScenarioLoader.scenarioFiles(Path.of("scenarios"))).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void scorecardMatchesTheStoredOne(ScenarioFile file) throws IOException {
    assertThat(file.valid()).as("%s: %s", file.path(), file.problems()).isTrue();
    Scenario scenario = file.scenario();
    String actual = json(play(scenario).score());
    Path expected = GOLDEN.resolve(scenario.id() + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("golden file; write it with -Dgolden.update=true").exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  static String json(Scorecard card) throws JsonProcessingException {
    return JSON.writeValueAsString(card).replace("\r\n", "\n") + "\n";
  }

  private static Play play(Scenario scenario) {
    Play play = new Play(scenario, "First", "Last");
    Duration end = scenario.duration().plus(Duration.ofHours(2));
    for (Duration now = Duration.ZERO;
        now.compareTo(end) <= 0;
        now = now.plus(Duration.ofSeconds(30))) {
      play.until(now);
      TeamState first = play.state.team(1).orElseThrow();
      for (OpenDecision open : first.openDecisions(scenario)) {
        play.decide(1, open.decision().id(), open.decision().options().get(0).id(), now);
      }
    }
    return play.finish(end);
  }
}
