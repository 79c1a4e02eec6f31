package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.scoring.ScenarioTestPlayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ValidateCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        ScenarioTestPlayer.INSTANCE);
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void shippedLibraryIsValid() {
    assertThat(run("scenarios")).isZero();
    assertThat(outLines()).singleElement().asString().matches(ShippedSummary.PATTERN);
  }

  @Test
  void reportsEveryProblemWithItsPositionAndExitsOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "id: bad\ntitle: Bad\nsumary: typo\n");

    assertThat(run(file.toString(), "scenarios/weights-walkout.yaml")).isEqualTo(1);

    assertThat(outLines())
        .contains(
            file + ":3:1: error: unknown key 'sumary' in the scenario (did you mean 'summary'?)",
            file + ":1:1: error: the scenario is missing required key 'duration'")
        .last()
        .isEqualTo("2 files, 5 errors; 3 tests, 0 failed");
  }

  @Test
  void searchesFoldersRecursivelyForYamlFilesSkippingHiddenOnes(@TempDir Path dir)
      throws IOException {
    Path nested = Files.createDirectories(dir.resolve("team/drafts"));
    Files.copy(Path.of("scenarios/bucket-siphon.yaml"), nested.resolve("a.yml"));
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");
    Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
    Files.writeString(workflows.resolve("ci.yml"), "on: push\n");

    assertThat(run(dir.toString())).isZero();
    assertThat(outLines()).containsExactly("1 files, 0 errors; 3 tests, 0 failed");
  }

  @Test
  void sameScenarioIdInTwoFilesRejectsTheSecond(@TempDir Path dir) throws IOException {
    Files.copy(Path.of("scenarios/bucket-siphon.yaml"), dir.resolve("a.yaml"));
    Files.copy(Path.of("scenarios/bucket-siphon.yaml"), dir.resolve("b.yaml"));

    assertThat(run(dir.toString())).isEqualTo(1);
    assertThat(outLines().get(0))
        .startsWith(
            dir.resolve("b.yaml") + ":2:5: error: scenario id 'bucket-siphon' is already used by ");
  }

  @Test
  void badUsageExitsTwo(@TempDir Path empty) {
    assertThat(run()).isEqualTo(2);
    assertThat(run("does/not/exist.yaml")).isEqualTo(2);
    assertThat(run("--strict", "scenarios")).isEqualTo(2);
    assertThat(run(empty.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("does/not/exist.yaml: no such file or folder")
        .contains("unknown option '--strict'")
        .contains("no .yaml or .yml files");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void helpExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:");
  }
}
