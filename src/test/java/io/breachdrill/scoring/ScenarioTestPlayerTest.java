package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import io.breachdrill.scenario.ValidateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario tests as a facilitator writes them: {@code validate} plays each path through the drill
 * engine and prints every failed expectation at its line.
 */
class ScenarioTestPlayerTest {

  static final Path MINIMAL = Path.of("src/test/resources/scenario/valid/minimal.yaml");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int validate(Path... paths) {
    return ValidateCommand.run(
        Arrays.stream(paths).map(Path::toString).toList(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        ScenarioTestPlayer.INSTANCE);
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The minimal scenario with the given tests appended. */
  private Path withTests(String tests) throws IOException {
    Path file = dir.resolve("minimal.yaml");
    Files.writeString(file, Files.readString(MINIMAL) + tests);
    return file;
  }

  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  @Test
  void passingTestsAreCountedAndExitZero() throws IOException {
    Path file =
        withTests(
            """
            tests:
              - name: best path
                path: {first-move: revoke, press-answer: holding-statement}
                expect:
                  score: 30
                  percent: 100
                  steps: {triage-alert: on-time, revoke-token: on-time, brief-leadership: on-time}
              - name: worst path
                path: {first-move: watch, press-answer: no-comment}
                expect:
                  score: -15
                  percent: -50
                  steps: {triage-alert: missed, revoke-token: harmed, brief-leadership: missed}
              - name: nobody answers
                path:
                expect: {score: 0}
            """);

    assertThat(validate(file)).isZero();
    assertThat(lines()).containsExactly("1 files, 0 errors; 3 tests, 0 failed");
  }

  @Test
  void aLateAnswerEarnsTheDecayedShareTheScorecardWouldShow() throws IOException {
    // brief-leadership is due 15m after the press call; answered at 20m it is 5m late of a 15m
    // window, so it earns 5 x (1 - 50% x 5/15) = 4.167 of its 5 points.
    Path file =
        withTests(
            """
            tests:
              - name: slow statement
                path:
                  first-move: revoke
                  press-answer: {option: holding-statement, after: 20m}
                expect:
                  score: 29.167
                  percent: 97.2
                  steps: {brief-leadership: late}
            """);

    assertThat(validate(file)).isZero();
  }

  @Test
  void everyFailedExpectationIsPrintedAtItsLine() throws IOException {
    Path file =
        withTests(
            """
            tests:
              - name: optimistic
                path: {first-move: watch}
                expect:
                  score: 10
                  percent: 33.3
                  steps:
                    revoke-token: on-time
                    triage-alert: missed
            """);

    assertThat(validate(file)).isEqualTo(ValidateCommand.INVALID);

    int score = lineOf(file, "score: 10");
    int percent = lineOf(file, "percent: 33.3");
    int step = lineOf(file, "revoke-token: on-time");
    assertThat(lines())
        .containsExactly(
            file + ":" + score + ":14: error: test optimistic: expected score 10, got -15 of 30",
            file + ":" + percent + ":16: error: test optimistic: expected percent 33.3, got -50",
            file
                + ":"
                + step
                + ":9: error: test optimistic: expected step 'revoke-token' on-time, got harmed",
            "1 files, 3 errors; 1 tests, 1 failed");
  }

  @Test
  void anAnswerThePathCannotGiveIsAFailureAtItsDecision() throws IOException {
    Path file =
        withTests(
            """
            tests:
              - name: impossible
                path:
                  first-move: {option: revoke, after: 11m}
                expect: {score: 0}
            """);

    assertThat(validate(file)).isEqualTo(ValidateCommand.INVALID);

    assertThat(lines())
        .containsExactly(
            file
                + ":"
                + lineOf(file, "first-move: {option: revoke, after: 11m}")
                + ":7: error: test impossible: decision 'first-move' times out before the answer"
                + " 11m after it arrives; its time limit is 10m",
            "1 files, 1 errors; 1 tests, 1 failed");
  }

  @Test
  void aSiblingTestFileIsRunWithItsScenarioAndNamedByItsOwnPath() throws IOException {
    Path scenario = dir.resolve("minimal.yaml");
    Files.copy(MINIMAL, scenario);
    Path tests = dir.resolve("minimal.test.yaml");
    Files.writeString(
        tests,
        """
        tests:
          - name: revoke and say nothing
            path: {first-move: revoke, press-answer: no-comment}
            expect: {score: 20}
        """);

    assertThat(validate(dir)).isEqualTo(ValidateCommand.INVALID);
    assertThat(lines())
        .containsExactly(
            tests + ":4:21: error: test revoke and say nothing: expected score 20, got 25 of 30",
            "1 files, 1 errors; 1 tests, 1 failed");

    out.reset();
    assertThat(validate(tests)).as("naming the test file checks its scenario").isEqualTo(1);
    assertThat(lines()).last().isEqualTo("1 files, 1 errors; 1 tests, 1 failed");
  }

  @Test
  void aTestFileBesideNoScenarioOfItsIdIsAnError() throws IOException {
    Files.copy(MINIMAL, dir.resolve("minimal.yaml"));
    Path stray = dir.resolve("minmal.test.yaml");
    Files.writeString(
        stray, "tests:\n  - name: x\n    path: {first-move: revoke}\n    expect: {score: 25}\n");

    assertThat(validate(dir)).isEqualTo(ValidateCommand.INVALID);
    assertThat(lines())
        .containsExactly(
            stray
                + ":1:1: error: no scenario with id 'minmal' in this folder, so these tests never"
                + " run; name the file after the scenario's id, as <id>.test.yaml",
            "1 files, 1 errors");
  }

  @Test
  void aDecisionNeverReachedOnThePathIsNamed() throws IOException {
    Path file =
        withTests(
            """
            tests:
              - name: no branch
                path: {first-move: revoke}
                expect: {score: 25}
            """);
    // The minimal scenario has no decision behind a branch, so give it one that only 'watch' opens.
    String text =
        Files.readString(file)
            .replace(
                "    body: |\n      ```\n      2026-03-02T01:19:02Z",
                "    decision:\n"
                    + "      id: chase\n"
                    + "      prompt: Chase the download?\n"
                    + "      options:\n"
                    + "        - id: chase-now\n"
                    + "          text: Chase the download with the registry vendor\n"
                    + "        - id: let-go\n"
                    + "          text: Let it go and focus on rotation\n"
                    + "    body: |\n      ```\n      2026-03-02T01:19:02Z")
            .replace("path: {first-move: revoke}", "path: {first-move: revoke, chase: chase-now}");
    Files.writeString(file, text);

    assertThat(validate(file)).isEqualTo(ValidateCommand.INVALID);
    assertThat(lines())
        .first()
        .asString()
        .endsWith(
            "error: test no branch: decision 'chase' never reaches the team on this path (inject"
                + " 'model-pulled' is not delivered)");
  }

  @Test
  void everyShippedScenarioCarriesABestAWorstAndAMixedPathThatPass() throws IOException {
    for (Path path : ScenarioLoader.scenarioFiles(Path.of("scenarios"))) {
      ScenarioFile file = ScenarioLoader.read(path);
      assertThat(file.problems()).as("%s is valid", path).isEmpty();
      assertThat(file.tests())
          .as("%s carries at least three tests", path)
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(file.tests())
          .extracting(t -> t.name())
          .as("%s tests its best and its worst path", path)
          .contains("best path", "worst path");
      for (var test : file.tests()) {
        assertThat(ScenarioTestPlayer.INSTANCE.run(file.scenario(), test))
            .as("%s: test %s", path, test.name())
            .isEmpty();
      }
    }
  }
}
