package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.DecisionOption;
import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random plays of the fixture scenario: each seed gives both teams a random option (or silence) and
 * a random delay in whole minutes for every decision, so teams often decide at the same drill time.
 * The score stays within −maximum and maximum (harms can make it negative), is the same when
 * rescored, when the log is handed over in another order or as a state folded event by event, and
 * does not change when the teams that decide at the same moment do so in the other order (other
 * seqs, same drill times).
 */
class ScorerPropertyTest {

  private static final Scenario SCENARIO = Play.fixture("fixture.yaml");
  private static final Duration END = Duration.ofMinutes(80);

  static IntStream seeds() {
    return IntStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void scoresStayInBoundsAndIgnoreTieOrder(int seed) {
    Map<String, int[]> script = script(seed);
    Play forward = play(script, false);
    Play backward = play(script, true);
    Scorecard card = forward.score();
    BigDecimal maximum = BigDecimal.valueOf(SCENARIO.maximumScore());

    for (TeamScore team : card.teams()) {
      assertThat(team.earned()).isBetween(maximum.negate(), maximum);
      assertThat(team.percentage()).isBetween(new BigDecimal("-100.0"), new BigDecimal("100.0"));
      assertThat(
              team.steps().stream()
                  .map(StepResult::credit)
                  .reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualTo(team.earned());
    }
    assertThat(Scorer.score(SCENARIO, forward.log)).isEqualTo(card);
    List<DrillEvent> shuffled = new ArrayList<>(forward.log);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Scorer.score(SCENARIO, shuffled)).isEqualTo(card);
    assertThat(backward.score()).isEqualTo(card);
    // A node's snapshot is built event by event as the log grows; pages score that state.
    DrillState stepwise = DrillState.NONE;
    for (DrillEvent event : forward.log) {
      stepwise = stepwise.apply(event);
    }
    assertThat(Scorer.score(SCENARIO, stepwise)).isEqualTo(card);
  }

  @Test
  void manySeedsHaveTeamsDecidingAtTheSameMoment() {
    long tied =
        seeds()
            .filter(seed -> !play(script(seed), false).log.equals(play(script(seed), true).log))
            .count();
    assertThat(tied).as("seeds whose two orders give different logs").isGreaterThan(50);
  }

  /** For each team and decision: the option index (−1 for silence) and the delay in minutes. */
  private static Map<String, int[]> script(int seed) {
    Random random = new Random(seed);
    Map<String, int[]> script = new HashMap<>();
    for (int team = 1; team <= 2; team++) {
      for (var decision : SCENARIO.decisions()) {
        int option = random.nextInt(decision.options().size() + 1) - 1;
        script.put(team + "/" + decision.id(), new int[] {option, random.nextInt(4) * 5});
      }
    }
    return script;
  }

  private static Play play(Map<String, int[]> script, boolean blueFirst) {
    Play play = new Play(SCENARIO, "Red", "Blue");
    List<Integer> order = blueFirst ? List.of(2, 1) : List.of(1, 2);
    for (long minute = 0; minute <= END.toMinutes(); minute++) {
      Duration now = Duration.ofMinutes(minute);
      play.until(now);
      for (int team : order) {
        TeamState state = play.state.team(team).orElseThrow();
        for (OpenDecision open : state.openDecisions(SCENARIO)) {
          int[] plan = script.get(team + "/" + open.decision().id());
          if (plan[0] < 0
              || open.openedMs() + Duration.ofMinutes(plan[1]).toMillis() > now.toMillis()) {
            continue;
          }
          DecisionOption option = open.decision().options().get(plan[0]);
          play.decide(team, open.decision().id(), option.id(), now);
        }
      }
    }
    return play.finish(END);
  }
}
