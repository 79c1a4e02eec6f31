package io.breachdrill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the preview computes from a valid scenario: path lengths, warnings, the branch map. */
class ScenarioPreviewTest {

  static final Path MINIMAL = Path.of("src/test/resources/scenario/valid/minimal.yaml");

  private static Scenario read(String text) {
    ScenarioFile file = ScenarioReader.read("preview.yaml", text.getBytes(StandardCharsets.UTF_8));
    assertThat(file.problems()).isEmpty();
    return file.scenario();
  }

  private static Scenario minimal() throws IOException {
    return read(Files.readString(MINIMAL));
  }

  @Test
  void fastestPathAnswersAtOnceAndSlowestWaitsForEveryTimeLimit() throws IOException {
    // 'watch' brings the model-pulled inject 30m after the answer; the wrap-up comes at 25m.
    Scenario scenario =
        read(
            Files.readString(MINIMAL)
                .replace("option: watch, delay: 5m", "option: watch, delay: 30m")
                .replace("at: 55m", "at: 25m")
                .replace("at: 30m", "at: 12m"));

    PathLengths lengths = PathLengths.of(scenario);

    assertThat(lengths.fastest()).isEqualTo(Duration.ofMinutes(25));
    assertThat(lengths.slowest()).as("watch at the 10m limit, then 30m").hasMinutes(40);
    assertThat(lengths.openEnded()).as("press-answer has no time limit").isTrue();
  }

  @Test
  void warnsOfDecisionsWhoseOptionsAllScoreAlike() throws IOException {
    Scenario walkout = ScenarioLoader.read(Path.of("scenarios/weights-walkout.yaml")).scenario();

    assertThat(PreviewWarnings.of(walkout))
        .contains(
            "Every option of decision 'scope-approach' performs and harms the same steps, so the"
                + " choice does not change the score (only its branches differ).")
        .noneMatch(w -> w.contains("'first-move'"));
    assertThat(PreviewWarnings.of(minimal())).isEmpty();
  }

  @Test
  void branchMapLinksEachOptionToTheInjectsItLeadsTo() throws IOException {
    BranchMap map = BranchMap.of(minimal());

    assertThat(map.bands()).hasSize(2);
    BranchMap.Band first = map.bands().get(0);
    assertThat(first.decision().title()).isEqualTo("first-move: What do you do with the token?");
    assertThat(first.options())
        .extracting(BranchMap.Box::label)
        .containsExactly("revoke", "watch", "no answer in 10m");
    assertThat(first.injects())
        .extracting(BranchMap.Box::title)
        .containsExactly(
            "Registry log: model weights downloaded",
            "Chat: the CI owner asks why the alert is still open");
    BranchMap.Box watch = first.options().get(1);
    BranchMap.Box pulled = first.injects().get(0);
    assertThat(first.edges())
        .as("three from the decision, one from watch, one from the time-out")
        .hasSize(5)
        .contains(new BranchMap.Edge(watch.right(), watch.middleY(), pulled.x(), pulled.middleY()));
    assertThat(map.bands().get(1).injects())
        .as("press-answer leads on the main timeline")
        .isEmpty();
    assertThat(map.height()).isGreaterThan(first.options().get(2).y());
  }

  @Test
  void playbookRowsNameTheOptionsThatPerformOrHarmEachStep() throws IOException {
    ScenarioPage page = ScenarioPage.of(minimal(), "hash");

    ScenarioPage.StepRow revoke = page.playbook().get(1);
    assertThat(revoke.step().id()).isEqualTo("revoke-token");
    assertThat(revoke.performedBy()).containsExactly("first-move: revoke");
    assertThat(revoke.harmedBy()).containsExactly("first-move: watch");
  }
}
