package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken file per validation rule. Each file lists, in {@code # expect: LINE:COL: MESSAGE}
 * comments at its top, every problem the validator must report for it, in order.
 */
class ScenarioCorpusTest {

  static final Path BROKEN = Path.of("src/test/resources/scenario/broken");
  static final Path MINIMAL = Path.of("src/test/resources/scenario/valid/minimal.yaml");

  static Stream<Path> brokenFiles() throws IOException {
    return ScenarioLoader.scenarioFiles(BROKEN).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void reportsExactlyTheExpectedProblems(Path file) throws IOException {
    List<String> expected =
        Files.readAllLines(file).stream()
            .filter(line -> line.startsWith("# expect: "))
            .map(line -> line.substring("# expect: ".length()))
            .toList();
    assertThat(expected).as("%s declares its expected problems", file).isNotEmpty();

    ScenarioFile result = ScenarioReader.read(file.toString(), Files.readAllBytes(file));

    assertThat(result.valid()).isFalse();
    assertThat(result.scenario()).as("a file with problems is never half-loaded").isNull();
    assertThat(result.problems())
        .extracting(p -> p.line() + ":" + p.column() + ": " + p.message())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void corpusCoversManyRules() throws IOException {
    assertThat(brokenFiles().count()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void minimalScenarioIsValid() throws IOException {
    ScenarioFile result = ScenarioReader.read(MINIMAL.toString(), Files.readAllBytes(MINIMAL));
    assertThat(result.problems()).isEmpty();
    assertThat(result.scenario()).isNotNull();
  }
}
