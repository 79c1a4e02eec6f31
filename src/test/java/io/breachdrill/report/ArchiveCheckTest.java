package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.report.DrillArchive.DrillPart;
import io.breachdrill.report.DrillArchive.EventPart;
import io.breachdrill.report.DrillArchive.ParticipantPart;
import io.breachdrill.report.DrillArchive.ScenarioPart;
import io.breachdrill.report.DrillArchive.TeamPart;
import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The import's replay accepts every log the engine writes and refuses one it would not: each
 * shipped scenario played to its end by a team that decides and one that lets every decision time
 * out, with early and ad-hoc injects, a note, ratings, an observation, an adjustment, a pause, a
 * speed change, a catch-up after a long gap and the hotwash.
 */
class ArchiveCheckTest {

  static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  static final long DECIDES = 11;
  static final long WAITS = 12;

  static Stream<ScenarioFile> shipped() throws IOException {
    return ScenarioLoader.readAll(ScenarioLoader.scenarioFiles(Path.of("scenarios"))).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void everyLogTheEngineWritesIsAccepted(ScenarioFile file) {
    List<DrillEvent> log = play(file);
    ArchiveCheck.Checked checked = ArchiveCheck.check(archive(file, log));
    assertThat(checked.events()).isEqualTo(log);
    assertThat(checked.state()).isEqualTo(DrillState.fold(log));
    assertThat(log).extracting(DrillEvent::type).contains(EventType.DECISION_TIMED_OUT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void aLogWithAScheduledDeliveryLeftOutIsRefused(ScenarioFile file) {
    List<DrillEvent> log = play(file);
    int gone = -1;
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).type() == EventType.INJECT_DELIVERED && log.get(i).actor() == null) {
        gone = i;
        break;
      }
    }
    List<DrillEvent> cut = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      if (i == gone) {
        continue;
      }
      DrillEvent e = log.get(i);
      long seq = i < gone ? e.seq() : e.seq() - 1;
      Long about = e.data().aboutSeq();
      cut.add(new DrillEvent(seq, e.type(), e.teamId(), e.at(), e.drillMs(), e.actor(), e.data()));
      assertThat(about == null || about < gone).isTrue();
    }
    assertThatThrownBy(() -> ArchiveCheck.check(archive(file, cut)))
        .isInstanceOf(ArchiveRefused.class)
        .hasMessageContaining("is not what the drill's rules record at this point");
  }

  private static List<DrillEvent> play(ScenarioFile file) {
    Scenario scenario = file.scenario();
    List<DrillEvent> log = new ArrayList<>();
    Instant now = T0;
    DrillState state =
        append(
            log,
            DrillState.NONE,
            List.of(
                DrillEngine.created(
                    "Replay", scenario.id(), file.sha256(), Speed.NORMAL, "Fay", now)));
    state = append(log, state, List.of(DrillEngine.addTeam(state, DECIDES, "Decides", "Fay", now)));
    state = append(log, state, List.of(DrillEngine.addTeam(state, WAITS, "Waits", "Fay", now)));
    state = append(log, state, List.of(DrillEngine.open(state, "Fay", now)));
    state =
        append(
            log, state, List.of(DrillEngine.join(state, DECIDES, new Member(1, "Ana", "x"), now)));
    state =
        append(log, state, List.of(DrillEngine.join(state, WAITS, new Member(2, "Ben", "x"), now)));
    state = append(log, state, List.of(DrillEngine.start(state, "Fay", now)));
    String last = scenario.injects().get(scenario.injects().size() - 1).id();
    state =
        append(
            log,
            state,
            DrillEngine.fire(state, scenario, last, List.of(DECIDES, WAITS), "Fay", now));
    state =
        append(
            log,
            state,
            DrillEngine.adhoc(
                state, List.of(WAITS), Channel.EMAIL, "Heads up", "From legal", "Fay", now));
    state =
        append(log, state, List.of(DrillEngine.note(state, null, "Started on time", "Fay", now)));

    Duration end = scenario.duration().plus(Duration.ofHours(2));
    boolean paused = false;
    while (state.drillTime(now).compareTo(end) < 0) {
      // a long gap once, as after a node was down: what came due is caught up in one go
      now = now.plus(paused ? Duration.ofSeconds(45) : Duration.ofMinutes(20));
      state = append(log, state, DrillEngine.due(state, scenario, now));
      TeamState team = state.team(DECIDES).orElseThrow();
      for (OpenDecision open : team.openDecisions(scenario)) {
        String option = open.decision().options().get(0).id();
        state =
            append(
                log,
                state,
                List.of(
                    DrillEngine.decide(
                        state,
                        scenario,
                        DECIDES,
                        1,
                        open.decision().id(),
                        option,
                        "because",
                        now)));
      }
      if (!paused) {
        state = append(log, state, List.of(DrillEngine.pause(state, "Fay", now)));
        now = now.plus(Duration.ofHours(1));
        state = append(log, state, List.of(DrillEngine.resume(state, "Fay", now)));
        state = append(log, state, List.of(DrillEngine.speed(state, new Speed(350), "Fay", now)));
        paused = true;
      }
    }
    String phase = scenario.phases().get(0).key();
    state =
        append(
            log,
            state,
            List.of(DrillEngine.rate(state, scenario, WAITS, phase, "M", "Slow", "Eve", now)));
    state =
        append(log, state, List.of(DrillEngine.observe(state, DECIDES, 8L, "Fast", "Eve", now)));
    String step = scenario.playbook().get(0).id();
    state =
        append(
            log,
            state,
            List.of(
                DrillEngine.adjust(
                    state, scenario, WAITS, step, new BigDecimal("1.5"), "Phoned", "Fay", now)));
    state = append(log, state, List.of(DrillEngine.finish(state, "Fay", now)));
    String question = scenario.hotwashQuestions().get(0).id();
    append(
        log,
        state,
        List.of(
            DrillEngine.hotwash(
                state,
                scenario,
                WAITS,
                2,
                Map.of(question, "More time"),
                Map.of(phase, 3),
                true,
                now.plusSeconds(60))));
    return log;
  }

  private static DrillArchive archive(ScenarioFile file, List<DrillEvent> log) {
    DrillState state = DrillState.fold(log);
    Scenario scenario = file.scenario();
    return new DrillArchive(
        DrillArchive.FORMAT,
        DrillArchive.VERSION,
        T0,
        new ScenarioPart(scenario.id(), file.sha256(), scenario.title(), file.path(), file.text()),
        new DrillPart(7L, "Replay", T0, state.status().key(), state.speed().factor(), "Fay"),
        List.of(new TeamPart(DECIDES, "Decides"), new TeamPart(WAITS, "Waits")),
        List.of(
            new ParticipantPart(1L, DECIDES, "Ana", "x", T0),
            new ParticipantPart(2L, WAITS, "Ben", "x", T0)),
        log.stream()
            .map(
                e ->
                    new EventPart(
                        e.seq(), e.type(), e.teamId(), e.at(), e.drillMs(), e.actor(), e.data()))
            .toList(),
        List.of());
  }

  private static DrillState append(
      List<DrillEvent> log, DrillState state, List<DrillEvent> events) {
    for (DrillEvent event : events) {
      log.add(event);
      state = state.apply(event);
    }
    return state;
  }
}
