package io.breachdrill.drill.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario played to its end by two teams through the engine alone: one team always
 * takes the first option, the other always the last, minute by minute at a speed that changes
 * half-way and across a pause. Both reach the end with nothing stuck, on different paths.
 */
class ShippedScenarioPlaythroughTest {

  static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  static final long FIRST = 1;
  static final long LAST = 2;

  static Stream<ScenarioFile> shipped() throws IOException {
    return ScenarioLoader.readAll(ScenarioLoader.scenarioFiles(Path.of("scenarios"))).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void twoTeamsPlayItToTheEndOnDifferentPaths(ScenarioFile file) {
    assertThat(file.valid()).as("%s: %s", file.path(), file.problems()).isTrue();
    Scenario scenario = file.scenario();
    List<DrillEvent> log = new ArrayList<>();
    DrillState state = DrillState.NONE;
    state =
        append(log, state, DrillEngine.created("Play", scenario.id(), "x", Speed.NORMAL, "F", T0));
    state = append(log, state, DrillEngine.addTeam(state, FIRST, "First", "F", T0));
    state = append(log, state, DrillEngine.addTeam(state, LAST, "Last", "F", T0));
    state = append(log, state, DrillEngine.join(state, FIRST, new Member(1, "Ana", "any"), T0));
    state = append(log, state, DrillEngine.join(state, LAST, new Member(2, "Ben", "any"), T0));
    state = append(log, state, DrillEngine.start(state, "F", T0));

    Duration end = scenario.duration().plus(Duration.ofHours(2));
    Instant now = T0;
    boolean paused = false;
    while (state.drillTime(now).compareTo(end) < 0) {
      now = now.plus(Duration.ofSeconds(30));
      for (DrillEvent event : DrillEngine.due(state, scenario, now)) {
        state = append(log, state, event);
      }
      for (TeamState team : state.teamList()) {
        for (OpenDecision open : team.openDecisions(scenario)) {
          List<io.breachdrill.scenario.DecisionOption> options = open.decision().options();
          String option =
              team.teamId() == FIRST ? options.get(0).id() : options.get(options.size() - 1).id();
          long member = team.teamId() == FIRST ? 1 : 2;
          state =
              append(
                  log,
                  state,
                  DrillEngine.decide(
                      state,
                      scenario,
                      team.teamId(),
                      member,
                      open.decision().id(),
                      option,
                      "",
                      now));
        }
      }
      if (!paused && state.drillTime(now).compareTo(scenario.duration().dividedBy(2)) > 0) {
        state = append(log, state, DrillEngine.pause(state, "F", now));
        now = now.plus(Duration.ofHours(3));
        state = append(log, state, DrillEngine.resume(state, "F", now));
        state = append(log, state, DrillEngine.speed(state, new Speed(250), "F", now));
        paused = true;
      }
    }
    state = append(log, state, DrillEngine.finish(state, "F", now));

    Set<String> timed =
        scenario.injects().stream()
            .filter(i -> i.at() != null)
            .map(Inject::id)
            .collect(Collectors.toSet());
    for (TeamState team : state.teamList()) {
      List<String> received = team.feed().stream().map(Delivery::injectId).toList();
      assertThat(received).as("%s got every timed inject", team.name()).containsAll(timed);
      assertThat(received).as("%s got nothing twice", team.name()).doesNotHaveDuplicates();
      Set<String> decided = team.outcomes().keySet();
      Set<String> reached =
          team.feed().stream()
              .map(d -> scenario.inject(d.injectId()).orElseThrow().decision())
              .filter(d -> d != null)
              .map(Decision::id)
              .collect(Collectors.toSet());
      assertThat(decided)
          .as("%s answered every decision it reached", team.name())
          .isEqualTo(reached);
      assertThat(team.outcomes().values()).noneMatch(Outcome::timedOut);
    }
    assertThat(feed(state, FIRST))
        .as("the two teams took different branches")
        .isNotEqualTo(feed(state, LAST));
    assertThat(DrillState.fold(log)).as("the log folds back to the same state").isEqualTo(state);
    assertThat(DrillEngine.nextDue(state, scenario)).isEmpty();
  }

  private static List<String> feed(DrillState state, long team) {
    return state.team(team).orElseThrow().feed().stream().map(Delivery::injectId).toList();
  }

  private static DrillState append(List<DrillEvent> log, DrillState state, DrillEvent event) {
    log.add(event);
    return state.apply(event);
  }
}
