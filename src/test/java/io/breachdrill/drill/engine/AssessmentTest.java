package io.breachdrill.drill.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ratings, observations and adjustments: events beside the automatic score, checked as given. */
class AssessmentTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  static final Scenario SCENARIO = DrillEngineTest.scenario("branching.yaml");
  static final long RED = 1;

  DrillState state = DrillState.NONE;

  @BeforeEach
  void draft() {
    apply(DrillEngine.created("Drill", SCENARIO.id(), "hash", Speed.NORMAL, "Fay", T0));
    apply(DrillEngine.addTeam(state, RED, "Red", "Fay", T0));
  }

  void apply(DrillEvent event) {
    state = state.apply(event);
  }

  Instant minute(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  @Test
  void ratingsWaitForTheStartAndThenKeepTheLatestPerPhase() {
    assertThatThrownBy(() -> DrillEngine.rate(state, SCENARIO, RED, "contain", "P", "", "Eve", T0))
        .isInstanceOf(DrillRefused.class)
        .hasMessage("The drill is draft: you cannot rate a team now.");
    apply(DrillEngine.start(state, "Fay", T0));

    apply(
        DrillEngine.rate(
            state, SCENARIO, RED, "contain", "M", " slow to revoke ", "Eve", minute(12)));
    apply(DrillEngine.rate(state, SCENARIO, RED, "contain", "S", null, "Eve", minute(20)));
    apply(DrillEngine.rate(state, SCENARIO, RED, "communicate", "P", "clear", "Eve", minute(21)));

    TeamState red = state.team(RED).orElseThrow();
    assertThat(red.ratings()).containsOnlyKeys("contain", "communicate");
    Assessment contain = red.ratings().get("contain");
    assertThat(contain.rating()).isEqualTo(Rating.S);
    assertThat(contain.text()).isNull();
    assertThat(contain.by()).isEqualTo("Eve");
    assertThat(contain.drillMs()).isEqualTo(Duration.ofMinutes(20).toMillis());
    assertThat(red.assessments())
        .extracting(Assessment::text)
        .containsExactly("slow to revoke", null, "clear");
  }

  @Test
  void aRatingNamesAPhaseOfTheScenarioAndAScaleValue() {
    apply(DrillEngine.start(state, "Fay", T0));
    assertThatThrownBy(() -> DrillEngine.rate(state, SCENARIO, RED, "recover", "P", "", "Eve", T0))
        .hasMessage("Rate one of the phases this scenario exercises.");
    assertThatThrownBy(() -> DrillEngine.rate(state, SCENARIO, RED, "contain", "X", "", "Eve", T0))
        .hasMessage("Choose a rating: P, S, M or U.");
    assertThatThrownBy(() -> DrillEngine.rate(state, SCENARIO, 99, "contain", "P", "", "Eve", T0))
        .hasMessage("There is no team 99 in this drill.");
  }

  @Test
  void anObservationMayPointAtAnEventOfTheTimeline() {
    apply(DrillEngine.start(state, "Fay", T0));
    long last = state.lastSeq();
    apply(DrillEngine.observe(state, RED, last, "Good call on the bridge", "Eve", minute(3)));
    Assessment observation = state.team(RED).orElseThrow().assessments().get(0);
    assertThat(observation.type()).isEqualTo(EventType.OBSERVATION_ADDED);
    assertThat(observation.aboutSeq()).isEqualTo(last);
    assertThatThrownBy(() -> DrillEngine.observe(state, RED, 999L, "x", "Eve", minute(4)))
        .hasMessage("There is no event 999 in this drill's timeline.");
    assertThatThrownBy(() -> DrillEngine.observe(state, RED, null, "  ", "Eve", minute(4)))
        .hasMessage("Write the observation.");
  }

  @Test
  void anAdjustmentNeedsAStepAReasonAndACreditWithinTheStepsWeight() {
    apply(DrillEngine.start(state, "Fay", T0));
    int weight = SCENARIO.step("revoke-token").orElseThrow().weight();
    BigDecimal half = new BigDecimal("2.5");

    apply(
        DrillEngine.adjust(
            state, SCENARIO, RED, "revoke-token", half, "revoked out of band", "Fay", minute(30)));
    Assessment adjustment = state.team(RED).orElseThrow().assessments().get(0);
    assertThat(adjustment.type()).isEqualTo(EventType.SCORE_ADJUSTED);
    assertThat(adjustment.stepId()).isEqualTo("revoke-token");
    assertThat(adjustment.credit()).isEqualByComparingTo(half);
    assertThat(adjustment.text()).isEqualTo("revoked out of band");

    assertThatThrownBy(
            () -> DrillEngine.adjust(state, SCENARIO, RED, "revoke-token", half, " ", "Fay", T0))
        .hasMessage("Give the reason for the adjustment; it is shown with the score.");
    assertThatThrownBy(
            () -> DrillEngine.adjust(state, SCENARIO, RED, "no-such-step", half, "r", "Fay", T0))
        .hasMessage("Choose a step of the playbook.");
    for (BigDecimal bad :
        new BigDecimal[] {
          BigDecimal.ZERO,
          new BigDecimal("0.25"),
          BigDecimal.valueOf(weight + 1L),
          BigDecimal.valueOf(-weight - 1L)
        }) {
      assertThatThrownBy(
              () -> DrillEngine.adjust(state, SCENARIO, RED, "revoke-token", bad, "r", "Fay", T0))
          .as("credit %s", bad)
          .isInstanceOf(DrillRefused.class)
          .hasMessageContaining("up to the step's weight (" + weight + ")");
    }
    apply(
        DrillEngine.adjust(
            state, SCENARIO, RED, "revoke-token", BigDecimal.valueOf(-weight), "r", "Fay", T0));
  }

  @Test
  void assessmentsContinueAfterTheFinishAndFoldBackTheSame() {
    java.util.List<DrillEvent> log = new java.util.ArrayList<>();
    DrillState fresh = DrillState.NONE;
    for (DrillEvent event :
        new DrillEvent[] {
          DrillEngine.created("Drill", SCENARIO.id(), "hash", Speed.NORMAL, "Fay", T0),
        }) {
      log.add(event);
      fresh = fresh.apply(event);
    }
    DrillEvent team = DrillEngine.addTeam(fresh, RED, "Red", "Fay", T0);
    log.add(team);
    fresh = fresh.apply(team);
    DrillEvent start = DrillEngine.start(fresh, "Fay", T0);
    log.add(start);
    fresh = fresh.apply(start);
    DrillEvent finish = DrillEngine.finish(fresh, "Fay", minute(60));
    log.add(finish);
    fresh = fresh.apply(finish);
    DrillEvent rating =
        DrillEngine.rate(
            fresh, SCENARIO, RED, "communicate", "U", "no statement", "Eve", minute(70));
    log.add(rating);
    fresh = fresh.apply(rating);

    assertThat(fresh.team(RED).orElseThrow().ratings().get("communicate").rating())
        .isEqualTo(Rating.U);
    assertThat(DrillState.fold(log)).isEqualTo(fresh);
  }

  @Test
  void theHotwashOpensAtTheFinishOnceForEachMemberAndCanBeAnonymous() {
    Member ana = new Member(7, "Ana", "soc-analyst");
    Member ben = new Member(8, "Ben", "legal-comms");
    apply(DrillEngine.join(state, RED, ana, T0));
    apply(DrillEngine.join(state, RED, ben, T0));
    apply(DrillEngine.start(state, "Fay", T0));
    Map<String, Integer> sure = Map.of("contain", 4);
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    state, SCENARIO, RED, 7, Map.of("went-well", "ok"), sure, false, minute(5)))
        .hasMessage("The hotwash opens when the drill has finished.");
    apply(DrillEngine.finish(state, "Fay", minute(60)));

    apply(
        DrillEngine.hotwash(
            state,
            SCENARIO,
            RED,
            7,
            Map.of("went-well", " fast triage ", "improve", ""),
            sure,
            false,
            minute(61)));
    DrillEvent anonymous =
        DrillEngine.hotwash(
            state,
            SCENARIO,
            RED,
            8,
            Map.of("improve", "earlier legal call"),
            Map.of(),
            true,
            minute(62));
    assertThat(anonymous.data().name()).as("no name is kept").isNull();
    assertThat(anonymous.actor()).isEqualTo("anonymous");
    assertThat(anonymous.onceKey()).isEqualTo("hotwash:8");
    apply(anonymous);

    TeamState red = state.team(RED).orElseThrow();
    assertThat(red.hotwash())
        .containsExactly(
            new HotwashAnswer(
                state.lastSeq() - 1, 7, "Ana", Map.of("went-well", "fast triage"), sure),
            new HotwashAnswer(
                state.lastSeq(), 8, null, Map.of("improve", "earlier legal call"), Map.of()));
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    state, SCENARIO, RED, 7, Map.of("went-well", "again"), sure, false, minute(63)))
        .hasMessage("You have already answered the hotwash. Thank you.");
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    state, SCENARIO, RED, 99, Map.of("went-well", "x"), sure, false, minute(63)))
        .hasMessage("Only members of this team can answer for it.");
  }

  @Test
  void hotwashAnswersNeedSomethingAndOnlyTheScenariosQuestionsAndPhases() {
    apply(DrillEngine.join(state, RED, new Member(7, "Ana", "soc-analyst"), T0));
    apply(DrillEngine.start(state, "Fay", T0));
    apply(DrillEngine.finish(state, "Fay", minute(60)));
    for (Map<String, Integer> bad :
        List.of(Map.of("contain", 0), Map.of("contain", 6), Map.of("recover", 3))) {
      assertThatThrownBy(
              () ->
                  DrillEngine.hotwash(
                      state, SCENARIO, RED, 7, Map.of("went-well", "x"), bad, false, minute(61)))
          .as("%s", bad)
          .hasMessage("Rate your confidence in each phase from 1 (low) to 5 (high).");
    }
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    state, SCENARIO, RED, 7, Map.of("who-won", "x"), Map.of(), false, minute(61)))
        .hasMessage("Answer the questions of this drill's hotwash.");
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    state, SCENARIO, RED, 7, Map.of("went-well", " "), Map.of(), false, minute(61)))
        .hasMessage("Answer at least one question.");
  }

  @Test
  void aScenarioMayAskItsOwnHotwashQuestionsInsteadOfTheDefaults() {
    Scenario own = DrillEngineTest.scenario("hotwash.yaml");
    assertThat(SCENARIO.hotwashQuestions())
        .isEqualTo(io.breachdrill.scenario.HotwashQuestion.DEFAULTS);
    assertThat(own.hotwashQuestions())
        .extracting(io.breachdrill.scenario.HotwashQuestion::id)
        .containsExactly("first-signal", "partner-call");
    DrillState drill = DrillState.NONE;
    drill = drill.apply(DrillEngine.created("D", own.id(), "h", Speed.NORMAL, "Fay", T0));
    drill = drill.apply(DrillEngine.addTeam(drill, RED, "Red", "Fay", T0));
    drill = drill.apply(DrillEngine.join(drill, RED, new Member(7, "Ana", "soc-analyst"), T0));
    drill = drill.apply(DrillEngine.start(drill, "Fay", T0));
    drill = drill.apply(DrillEngine.finish(drill, "Fay", minute(10)));
    DrillState finished = drill;
    assertThatThrownBy(
            () ->
                DrillEngine.hotwash(
                    finished, own, RED, 7, Map.of("went-well", "x"), Map.of(), false, minute(11)))
        .hasMessage("Answer the questions of this drill's hotwash.");
    DrillEvent answered =
        DrillEngine.hotwash(
            finished, own, RED, 7, Map.of("partner-call", "Too late"), Map.of(), false, minute(11));
    assertThat(answered.data().answers()).containsExactly(Map.entry("partner-call", "Too late"));
  }
}
