package io.breachdrill.scoring;

import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Durations;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Problem;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioTest;
import io.breachdrill.scenario.ScenarioTestRunner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a scenario test as one team through the drill engine at normal speed, with time moved
 * rather than waited for, and scores the result: the same rules, and the same numbers, as a real
 * drill in which the team answers exactly as the test's path says.
 */
public final class ScenarioTestPlayer implements ScenarioTestRunner {

  public static final ScenarioTestPlayer INSTANCE = new ScenarioTestPlayer();

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final long TEAM = 1;
  private static final Member PLAYER = new Member(1, "Scenario test", "scenario-test");

  private ScenarioTestPlayer() {}

  /** What a path led to: the team's score, and the path's answers that could not be given. */
  public record Played(TeamScore score, List<Problem> unplayable) {}

  @Override
  public List<Problem> run(Scenario scenario, ScenarioTest test) {
    Played played = play(scenario, test);
    List<Problem> failures = new ArrayList<>(played.unplayable());
    TeamScore score = played.score();
    if (test.score() != null && test.score().compareTo(score.earned()) != 0) {
      failures.add(
          test.failure(
              test.scoreAt(),
              "expected score "
                  + plain(test.score())
                  + ", got "
                  + plain(score.earned())
                  + " of "
                  + score.maximum()));
    }
    if (test.percent() != null && test.percent().compareTo(score.percentage()) != 0) {
      failures.add(
          test.failure(
              test.percentAt(),
              "expected percent " + plain(test.percent()) + ", got " + plain(score.percentage())));
    }
    for (ScenarioTest.StepExpectation expected : test.steps()) {
      Optional<StepResult> result =
          score.steps().stream().filter(s -> s.stepId().equals(expected.step())).findFirst();
      String got = result.map(r -> outcome(r.status())).orElse("not scored");
      if (!got.equals(expected.outcome())) {
        failures.add(
            test.failure(
                expected.at(),
                "expected step '" + expected.step() + "' " + expected.outcome() + ", got " + got));
      }
    }
    return failures;
  }

  /** Plays the test's path and scores the team; answers that never became possible are listed. */
  public static Played play(Scenario scenario, ScenarioTest test) {
    Map<String, ScenarioTest.Choice> path = new HashMap<>();
    test.path().forEach(c -> path.put(c.decision(), c));
    DrillState state = DrillState.NONE;
    state =
        state.apply(
            DrillEngine.created("Scenario test", scenario.id(), "", Speed.NORMAL, null, START));
    state = state.apply(DrillEngine.addTeam(state, TEAM, "Scenario test", null, START));
    state = state.apply(DrillEngine.join(state, TEAM, PLAYER, START));
    state = state.apply(DrillEngine.start(state, null, START));
    while (true) {
      TeamState team = state.team(TEAM).orElseThrow();
      Optional<OpenDecision> answer = Optional.empty();
      long answerMs = Long.MAX_VALUE;
      for (OpenDecision open : team.openDecisions(scenario)) {
        ScenarioTest.Choice choice = path.get(open.decision().id());
        if (choice == null) {
          continue;
        }
        long at = open.openedMs() + choice.after().toMillis();
        boolean inTime = open.deadlineMs() == null || at <= open.deadlineMs();
        if (inTime && at < answerMs) {
          answer = Optional.of(open);
          answerMs = at;
        }
      }
      Optional<Duration> due = DrillEngine.nextDue(state, scenario);
      if (answer.isPresent() && (due.isEmpty() || answerMs <= due.get().toMillis())) {
        ScenarioTest.Choice choice = path.get(answer.get().decision().id());
        DrillEvent decided =
            DrillEngine.decide(
                state,
                scenario,
                TEAM,
                PLAYER.participantId(),
                choice.decision(),
                choice.option(),
                null,
                START.plusMillis(answerMs));
        state = state.apply(decided);
      } else if (due.isPresent()) {
        for (DrillEvent event : DrillEngine.due(state, scenario, START.plus(due.get()))) {
          state = state.apply(event);
        }
      } else {
        break;
      }
    }
    TeamScore score = Scorer.score(scenario, state).team(TEAM).orElseThrow();
    return new Played(score, unplayable(test, state.team(TEAM).orElseThrow(), scenario));
  }

  private static List<Problem> unplayable(ScenarioTest test, TeamState team, Scenario scenario) {
    List<Problem> problems = new ArrayList<>();
    for (ScenarioTest.Choice choice : test.path()) {
      boolean chosen =
          team.outcome(choice.decision())
              .filter(o -> !o.timedOut() && choice.option().equals(o.optionId()))
              .isPresent();
      if (chosen) {
        continue;
      }
      Inject asking = scenario.injectDeciding(choice.decision()).orElseThrow();
      String why =
          !team.received(asking.id())
              ? "decision '"
                  + choice.decision()
                  + "' never reaches the team on this path (inject '"
                  + asking.id()
                  + "' is not delivered)"
              : "decision '"
                  + choice.decision()
                  + "' times out before the answer "
                  + Durations.format(choice.after())
                  + " after it arrives; its time limit is "
                  + Durations.format(asking.decision().timeLimit());
      problems.add(test.failure(choice.at(), why));
    }
    return problems;
  }

  static String outcome(StepStatus status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
