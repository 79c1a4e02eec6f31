package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A drill played through the pure engine at normal speed from {@link #T0}, so drill time equals the
 * wall time since the start to the millisecond. Each team has one member who sees everything.
 */
final class Play {

  static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

  final Scenario scenario;
  final List<DrillEvent> log = new ArrayList<>();
  DrillState state = DrillState.NONE;

  Play(Scenario scenario, String... teams) {
    this.scenario = scenario;
    append(DrillEngine.created("Score", scenario.id(), "x", Speed.NORMAL, "F", T0));
    for (int i = 0; i < teams.length; i++) {
      append(DrillEngine.addTeam(state, i + 1, teams[i], "F", T0));
    }
    for (int i = 0; i < teams.length; i++) {
      append(DrillEngine.join(state, i + 1, new Member(100 + i + 1, teams[i], "any"), T0));
    }
    append(DrillEngine.start(state, "F", T0));
  }

  static Scenario fixture(String name) {
    String path = "/scoring/" + name;
    try (InputStream in = Play.class.getResourceAsStream(path)) {
      assertThat(in).as("test resource %s", path).isNotNull();
      ScenarioFile file = ScenarioReader.read(path, in.readAllBytes());
      assertThat(file.valid()).as("problems in %s: %s", path, file.problems()).isTrue();
      return file.scenario();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario withLateFloor(Scenario s, Integer floor) {
    return new Scenario(
        s.id(),
        s.title(),
        s.summary(),
        s.duration(),
        floor,
        s.roles(),
        s.playbook(),
        s.injects(),
        s.hotwash());
  }

  /**
   * Delivers everything due up to the given drill time, each at the moment it comes due, as a
   * dispatcher that never falls behind would.
   */
  Play until(Duration drillTime) {
    while (true) {
      Optional<Duration> next = DrillEngine.nextDue(state, scenario);
      if (next.isEmpty() || next.get().compareTo(drillTime) > 0) {
        return this;
      }
      for (DrillEvent event : DrillEngine.due(state, scenario, T0.plus(next.get()))) {
        append(event);
      }
    }
  }

  /** Team {@code team} (1-based) chooses an option at the given drill time. */
  Play decide(int team, String decision, String option, Duration drillTime) {
    until(drillTime);
    append(
        DrillEngine.decide(
            state, scenario, team, 100 + team, decision, option, "", T0.plus(drillTime)));
    return this;
  }

  Play finish(Duration drillTime) {
    until(drillTime);
    append(DrillEngine.finish(state, "F", T0.plus(drillTime)));
    return this;
  }

  Play adjust(int team, String stepId, String credit, String reason, Duration drillTime) {
    until(drillTime);
    append(
        DrillEngine.adjust(
            state,
            scenario,
            team,
            stepId,
            new BigDecimal(credit),
            reason,
            "F",
            T0.plus(drillTime)));
    return this;
  }

  Play rate(int team, String phase, String rating, String note, Duration drillTime) {
    until(drillTime);
    append(DrillEngine.rate(state, scenario, team, phase, rating, note, "Eve", T0.plus(drillTime)));
    return this;
  }

  Scorecard score() {
    return Scorer.score(scenario, log);
  }

  TeamScore team(int team) {
    return score().team(team).orElseThrow();
  }

  private void append(DrillEvent event) {
    log.add(event);
    state = state.apply(event);
  }
}
