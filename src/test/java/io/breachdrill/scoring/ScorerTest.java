package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scoring model to the exact number, against scoring/fixture.yaml: contain-key (10 points,
 * contain, secrets-management) is due 10m after the alert at 5m, so its deadline is 15m and twice
 * the deadline is 25m; notify (6, communicate) is due 20m after press, which only follows a revoke
 * (5m later); search-logs (4, detect) is due 30m after the drill starts. Maximum 20.
 */
class ScorerTest {

  private static final Scenario SCENARIO = Play.fixture("fixture.yaml");

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static StepResult step(TeamScore team, String stepId) {
    return team.steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst().orElseThrow();
  }

  private static BigDecimal points(String value) {
    return new BigDecimal(value);
  }

  private static StepResult containKeyAt(Scenario scenario, Duration performed) {
    TeamScore team = new Play(scenario, "Red").decide(1, "triage", "revoke", performed).team(1);
    return step(team, "contain-key");
  }

  @Test
  void theFixtureHasTheShapeTheseTestsAssume() {
    assertThat(SCENARIO.maximumScore()).isEqualTo(20);
    assertThat(SCENARIO.lateFloorPercent()).isEqualTo(50);
  }

  @Test
  void adjustmentsAndRatingsStandBesideTheAutomaticScoreAndNeverChangeIt() {
    Play play =
        new Play(SCENARIO, "Red")
            .decide(1, "triage", "revoke", min(15))
            .adjust(1, "notify", "3.5", "Briefed the press officer by phone", min(20))
            .adjust(1, "contain-key", "-1", "Only the first key was revoked", min(21))
            .rate(1, "contain", "S", "Good call, slow hands", min(22))
            .rate(1, "contain", "P", null, min(23));
    TeamScore red = play.team(1);
    TeamScore unadjusted =
        new Play(SCENARIO, "Red").decide(1, "triage", "revoke", min(15)).until(min(23)).team(1);

    assertThat(red.earned()).isEqualTo(unadjusted.earned()).isEqualTo(points("10.000"));
    assertThat(red.percentage())
        .isEqualTo(unadjusted.percentage())
        .isEqualTo(new BigDecimal("50.0"));
    assertThat(red.steps()).isEqualTo(unadjusted.steps());
    assertThat(red.adjustedEarned()).isEqualTo(points("12.500"));
    assertThat(red.adjustedPercentage()).isEqualTo(new BigDecimal("62.5"));
    assertThat(red.adjustments())
        .extracting(Adjustment::stepId, Adjustment::credit, Adjustment::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "notify", new BigDecimal("3.5"), "Briefed the press officer by phone"),
            org.assertj.core.groups.Tuple.tuple(
                "contain-key", new BigDecimal("-1"), "Only the first key was revoked"));
    assertThat(red.ratings())
        .containsExactly(
            new PhaseRating("contain", "P", "Performed without challenges", null, "Eve"));
    assertThat(unadjusted.adjustedEarned()).isEqualTo(unadjusted.earned());
  }

  @Test
  void performedByTheDeadlineEarnsFullWeight() {
    StepResult result = containKeyAt(SCENARIO, min(15));
    assertThat(result.status()).isEqualTo(StepStatus.ON_TIME);
    assertThat(result.startMs()).isEqualTo(min(5).toMillis());
    assertThat(result.deadlineMs()).isEqualTo(min(15).toMillis());
    assertThat(result.performedMs()).isEqualTo(min(15).toMillis());
    assertThat(result.performedByDecision()).isEqualTo("triage");
    assertThat(result.performedByOption()).isEqualTo("revoke");
    assertThat(result.credit()).isEqualTo(points("10.000"));
  }

  @Test
  void oneMillisecondLateIsLateAndRoundsToFullWeight() {
    StepResult result = containKeyAt(SCENARIO, min(15).plusMillis(1));
    assertThat(result.status()).isEqualTo(StepStatus.LATE);
    // 10 × (100·600000 − 50·1) / (100·600000) = 9.99999166…
    assertThat(result.credit()).isEqualTo(points("10.000"));
  }

  @Test
  void halfwayToTwiceTheDeadlineEarnsHalfwayToTheFloor() {
    assertThat(containKeyAt(SCENARIO, min(20)).credit()).isEqualTo(points("7.500"));
    assertThat(containKeyAt(SCENARIO, min(20)).status()).isEqualTo(StepStatus.LATE);
  }

  @Test
  void lateCreditIsRoundedOnceToThousandthsHalfEven() {
    // 10 × (60 000 000 − 50 × 1 000) / 60 000 000 = 9.991666… ; one second late
    assertThat(containKeyAt(SCENARIO, min(15).plusSeconds(1)).credit()).isEqualTo(points("9.992"));
    assertThat(Scorer.lateCredit(1, 50, 1, 4)).isEqualTo(points("0.875"));
    // 1 × (100·8 − 50·1) / 800 = 0.9375, HALF_EVEN to 0.938; 3 × (800 − 50) / 800 = 2.8125 → 2.812
    assertThat(Scorer.lateCredit(1, 50, 1, 8)).isEqualTo(points("0.938"));
    assertThat(Scorer.lateCredit(3, 50, 1, 8)).isEqualTo(points("2.812"));
  }

  @Test
  void atTwiceTheDeadlineAndAfterItEarnsTheFloor() {
    assertThat(containKeyAt(SCENARIO, min(25)).credit()).isEqualTo(points("5.000"));
    assertThat(containKeyAt(SCENARIO, min(25).minusMillis(1)).credit()).isEqualTo(points("5.000"));
    assertThat(containKeyAt(SCENARIO, min(25).plusMillis(1)).credit()).isEqualTo(points("5.000"));
    StepResult past = containKeyAt(SCENARIO, min(50));
    assertThat(past.status()).isEqualTo(StepStatus.LATE);
    assertThat(past.credit()).isEqualTo(points("5.000"));
  }

  @Test
  void theScenarioSetsTheFloor() {
    Scenario zero = Play.withLateFloor(SCENARIO, 0);
    Scenario eighty = Play.withLateFloor(SCENARIO, 80);
    assertThat(containKeyAt(zero, min(20)).credit()).isEqualTo(points("5.000"));
    assertThat(containKeyAt(zero, min(25)).credit()).isEqualTo(points("0.000"));
    assertThat(containKeyAt(zero, min(40)).credit()).isEqualTo(points("0.000"));
    assertThat(containKeyAt(zero, min(40)).status()).isEqualTo(StepStatus.LATE);
    assertThat(containKeyAt(eighty, min(20)).credit()).isEqualTo(points("9.000"));
    assertThat(containKeyAt(eighty, min(25)).credit()).isEqualTo(points("8.000"));
    assertThat(containKeyAt(eighty, min(60)).credit()).isEqualTo(points("8.000"));
    assertThat(new Play(eighty, "Red").score().lateFloorPercent()).isEqualTo(80);
  }

  @Test
  void theFloorIsReadFromTheScenarioFile() {
    Scenario eighty = Play.fixture("fixture-floor-80.yaml");
    assertThat(eighty.lateFloorPercent()).isEqualTo(80);
    assertThat(containKeyAt(eighty, min(20)).credit()).isEqualTo(points("9.000"));
    assertThat(containKeyAt(eighty, min(30)).credit()).isEqualTo(points("8.000"));
  }

  @Test
  void neverPerformedIsMissedForNothing() {
    TeamScore team = new Play(SCENARIO, "Red").finish(min(80)).team(1);
    assertThat(team.steps())
        .extracting(StepResult::stepId, StepResult::status, StepResult::credit)
        .containsExactly(
            tuple("contain-key", StepStatus.MISSED, points("0.000")),
            tuple("notify", StepStatus.MISSED, points("0.000")),
            tuple("search-logs", StepStatus.MISSED, points("0.000")));
    assertThat(team.earned()).isEqualTo(points("0.000"));
    assertThat(team.percentage()).isEqualTo(points("0.0"));
    assertThat(step(team, "contain-key").performedMs()).isNull();
  }

  @Test
  void harmedCostsTheWeight() {
    TeamScore team = new Play(SCENARIO, "Red").decide(1, "triage", "watch", min(6)).team(1);
    StepResult result = step(team, "contain-key");
    assertThat(result.status()).isEqualTo(StepStatus.HARMED);
    assertThat(result.credit()).isEqualTo(points("-10.000"));
    assertThat(result.harmedByDecision()).isEqualTo("triage");
    assertThat(result.harmedByOption()).isEqualTo("watch");
    assertThat(team.earned()).isEqualTo(points("-10.000"));
    assertThat(team.percentage()).isEqualTo(points("-50.0"));
  }

  @Test
  void performedAndLaterHarmedCountsAsHarmed() {
    TeamScore team =
        new Play(SCENARIO, "Red")
            .decide(1, "triage", "revoke", min(10))
            .decide(1, "hunt", "reenable", min(12))
            .team(1);
    StepResult result = step(team, "contain-key");
    assertThat(result.status()).isEqualTo(StepStatus.HARMED);
    assertThat(result.credit()).isEqualTo(points("-10.000"));
    assertThat(result.performedMs()).isEqualTo(min(10).toMillis());
    assertThat(result.performedByOption()).isEqualTo("revoke");
    assertThat(result.harmedByDecision()).isEqualTo("hunt");
    assertThat(result.harmedByOption()).isEqualTo("reenable");
  }

  @Test
  void aStepWhoseInjectNeverCameCountsFromTheDrillStart() {
    // Watching means press never arrives: notify is due 20m after the start, so 25m is a quarter
    // of the way to the floor: 6 × (1 − 0.5 × 5/20) = 5.250.
    TeamScore team =
        new Play(SCENARIO, "Red")
            .decide(1, "triage", "watch", min(6))
            .decide(1, "hunt", "brief", min(25))
            .team(1);
    StepResult notify = step(team, "notify");
    assertThat(notify.startMs()).isZero();
    assertThat(notify.deadlineMs()).isEqualTo(min(20).toMillis());
    assertThat(notify.status()).isEqualTo(StepStatus.LATE);
    assertThat(notify.credit()).isEqualTo(points("5.250"));
  }

  @Test
  void aStepClockStartsWhenItsInjectReachesTheTeam() {
    // Revoke at 6m: press arrives at 11m, so notify is due at 31m and 25m is on time.
    TeamScore team =
        new Play(SCENARIO, "Red")
            .decide(1, "triage", "revoke", min(6))
            .decide(1, "hunt", "brief", min(25))
            .team(1);
    StepResult notify = step(team, "notify");
    assertThat(notify.startMs()).isEqualTo(min(11).toMillis());
    assertThat(notify.deadlineMs()).isEqualTo(min(31).toMillis());
    assertThat(notify.status()).isEqualTo(StepStatus.ON_TIME);
    assertThat(notify.credit()).isEqualTo(points("6.000"));
  }

  @Test
  void totalAndBreakdownsAddUp() {
    // contain-key on time 10, notify late at 40m (deadline 31m: 6 × (1 − 0.5 × 9/20) = 4.650),
    // search-logs missed: 14.650 of 20 = 73.25 %, HALF_EVEN to 73.2.
    TeamScore team =
        new Play(SCENARIO, "Red")
            .decide(1, "triage", "revoke", min(6))
            .decide(1, "hunt", "brief", min(40))
            .team(1);
    assertThat(team.earned()).isEqualTo(points("14.650"));
    assertThat(team.maximum()).isEqualTo(20);
    assertThat(team.percentage()).isEqualTo(points("73.2"));
    assertThat(team.phases())
        .extracting(Breakdown::key, Breakdown::earned, Breakdown::maximum, Breakdown::percentage)
        .containsExactly(
            tuple("detect", points("0.000"), 4, points("0.0")),
            tuple("contain", points("10.000"), 10, points("100.0")),
            tuple("communicate", points("4.650"), 6, points("77.5")));
    assertThat(team.controls())
        .extracting(Breakdown::key, Breakdown::earned, Breakdown::maximum)
        .containsExactly(
            tuple("secrets-management", points("10.000"), 10),
            tuple("response-plan", points("4.650"), 6),
            tuple("access-logging", points("0.000"), 4));
    assertThat(sum(team.phases())).isEqualTo(team.earned());
    assertThat(sum(team.controls())).isEqualTo(team.earned());
  }

  @Test
  void timeToDecisionAndPath() {
    TeamScore red =
        new Play(SCENARIO, "Red", "Blue")
            .decide(1, "triage", "revoke", min(7).plusSeconds(30))
            .decide(1, "hunt", "search", min(12))
            .finish(min(80))
            .team(1);
    assertThat(red.decisions())
        .extracting(
            DecisionTiming::decisionId,
            DecisionTiming::reachedMs,
            DecisionTiming::status,
            DecisionTiming::optionId,
            DecisionTiming::timeToDecisionMs)
        .containsExactly(
            tuple("triage", 300_000L, DecisionTiming.Status.DECIDED, "revoke", 150_000L),
            tuple("hunt", 600_000L, DecisionTiming.Status.DECIDED, "search", 120_000L));
    assertThat(red.path())
        .containsExactly(new Choice("triage", "revoke"), new Choice("hunt", "search"));
  }

  @Test
  void aDecisionThatRanOutIsMarkedAndOnThePathAsTimeout() {
    Scorecard card = new Play(SCENARIO, "Red", "Blue").finish(min(80)).score();
    assertThat(card.teams()).extracting(TeamScore::name).containsExactly("Red", "Blue");
    TeamScore blue = card.team(2).orElseThrow();
    assertThat(blue.decisions())
        .extracting(
            DecisionTiming::decisionId,
            DecisionTiming::status,
            DecisionTiming::endedMs,
            DecisionTiming::timeToDecisionMs)
        .containsExactly(
            tuple("triage", DecisionTiming.Status.TIMED_OUT, min(65).toMillis(), null),
            tuple("hunt", DecisionTiming.Status.OPEN, null, null));
    assertThat(blue.path()).containsExactly(new Choice("triage", "timeout"));
  }

  @Test
  void adhocInjectsAndEventOrderInTheListDoNotMatter() {
    Play play = new Play(SCENARIO, "Red", "Blue").until(min(5));
    Scorecard before = play.decide(1, "triage", "revoke", min(8)).score();
    List<io.breachdrill.drill.engine.DrillEvent> shuffled = new ArrayList<>(play.log);
    Collections.reverse(shuffled);
    assertThat(Scorer.score(SCENARIO, shuffled)).isEqualTo(before);
    assertThat(Scorer.score(SCENARIO, play.log)).isEqualTo(before);
  }

  private static BigDecimal sum(List<Breakdown> parts) {
    return parts.stream().map(Breakdown::earned).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
