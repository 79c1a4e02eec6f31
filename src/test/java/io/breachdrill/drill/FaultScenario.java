package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.drill.DrillDatabase.Row;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault tests' scenario (drill/faults/fault-drill.yaml), read with the app's own reader, and
 * what it promises a team: when each inject is due, given the decisions the team's log holds.
 */
final class FaultScenario {

  static final String ID = "fault-drill";
  static final String FOLDER = "/drill/faults";

  /** A drill minute is a wall second. */
  static final int SPEED = 60;

  /** The events a participant's team page shows, as PlayResource renders them. */
  private static final Set<String> TEAM_EVENTS =
      Set.of("PARTICIPANT_JOINED", "INJECT_DELIVERED", "DECISION_MADE", "DECISION_TIMED_OUT");

  private static final Set<String> CLOCK_EVENTS =
      Set.of("OPENED", "STARTED", "PAUSED", "RESUMED", "SPEED_CHANGED", "FINISHED");

  final Scenario scenario;

  private FaultScenario(Scenario scenario) {
    this.scenario = scenario;
  }

  static FaultScenario load() {
    Path file = AppNode.scenarios(FOLDER).resolve(ID + ".yaml");
    try {
      ScenarioFile read = ScenarioReader.read(file.toString(), Files.readAllBytes(file));
      if (!read.valid()) {
        throw new IllegalStateException("the fault scenario has problems: " + read.problems());
      }
      return new FaultScenario(read.scenario());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The injects due for a team by the given drill time, with the drill time each is due: timed ones
   * at their time, branches after the decision the team's log records.
   */
  Map<String, Long> dueBy(long drillMs, List<Row> log, long team) {
    Map<String, Long> due = new LinkedHashMap<>();
    for (Inject inject : scenario.injects()) {
      Long at = dueMs(inject, log, team);
      if (at != null && at <= drillMs) {
        due.put(inject.id(), at);
      }
    }
    return due;
  }

  /** When the inject is due for the team; null for a branch its decisions never chose. */
  Long dueMs(Inject inject, List<Row> log, long team) {
    if (inject.at() != null) {
      return inject.at().toMillis();
    }
    Inject.After after = inject.after();
    for (Row row : log) {
      if (row.type().equals("DECISION_MADE")
          && row.forTeam(team)
          && row.data().path("decisionId").asText().equals(after.decision())
          && after.options().contains(row.data().path("optionId").asText())) {
        return row.drillMs() + after.delay().toMillis();
      }
    }
    return null;
  }

  Inject inject(String id) {
    return scenario.injects().stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no inject " + id));
  }

  /**
   * Waits until each team has every inject due at least {@code latency} ago, then checks that same
   * read of the log: nothing delivered that was not due, nothing twice, each with its due time.
   * Returns that log.
   */
  List<Row> awaitEverythingDue(
      DrillDatabase db,
      long drill,
      Instant started,
      List<Long> teams,
      Duration latency,
      Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Instant before = Instant.now();
      List<Row> log = db.events(drill);
      Instant after = Instant.now();
      List<String> missing = new ArrayList<>();
      for (long team : teams) {
        Map<String, Row> got = DrillDatabase.deliveries(log, team);
        dueBy(drillMsAt(started, before.minus(latency)), log, team).keySet().stream()
            .filter(id -> !got.containsKey(id))
            .forEach(id -> missing.add("team " + team + ": " + id));
      }
      if (missing.isEmpty()) {
        for (long team : teams) {
          assertDeliveredAsScheduled(log, team, drillMsAt(started, after));
        }
        return log;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Drill "
                + drill
                + " did not deliver, within "
                + timeout.toSeconds()
                + " s, what was due "
                + latency.toSeconds()
                + " s before: "
                + missing);
      }
      Thread.sleep(100);
    }
  }

  private void assertDeliveredAsScheduled(List<Row> log, long team, long drillMsNow) {
    Map<String, Long> due = dueBy(drillMsNow, log, team);
    List<Row> deliveries = log.stream().filter(r -> r.delivery() && r.forTeam(team)).toList();
    List<String> keys = deliveries.stream().map(Row::onceKey).toList();
    assertThat(keys).as("team %d's deliveries", team).doesNotHaveDuplicates();
    assertThat(due.keySet()).as("what was due for team %d", team).containsAll(keys);
    for (Row row : deliveries) {
      assertThat(row.data().get("dueMs").asLong())
          .as("%s's due time for team %d", row.onceKey(), team)
          .isEqualTo(due.get(row.onceKey()));
      assertThat(row.drillMs())
          .as("%s never early", row.onceKey())
          .isGreaterThanOrEqualTo(due.get(row.onceKey()));
    }
  }

  /**
   * The team page's stream, over all its connections, got exactly the team's events of the log: all
   * of them, in order, none twice (later events may follow).
   */
  static void assertStreamShows(SseClient stream, List<Row> log, long team, Duration timeout)
      throws InterruptedException {
    long last = log.get(log.size() - 1).seq();
    List<Long> expected = log.stream().filter(r -> onTeamPage(r, team)).map(Row::seq).toList();
    stream.awaitIds("team " + team + "'s events up to " + last, expected, timeout);
    List<Long> ids = stream.ids();
    assertThat(ids).as("%s's ids", stream.name()).doesNotHaveDuplicates().isSorted();
    assertThat(ids.stream().filter(id -> id <= last).toList())
        .as("%s's ids up to %d", stream.name(), last)
        .isEqualTo(expected);
  }

  /** Whether a team's page gets a message for this event (every inject here is for all roles). */
  static boolean onTeamPage(Row row, long team) {
    if (row.teamId() == null) {
      return CLOCK_EVENTS.contains(row.type());
    }
    return row.forTeam(team) && TEAM_EVENTS.contains(row.type());
  }

  /** The drill time at a wall instant, for a drill started then and never paused. */
  static long drillMsAt(Instant started, Instant wall) {
    return Duration.between(started, wall).toMillis() * SPEED;
  }

  /** The wall instant a drill time comes, for a drill started then and never paused. */
  static Instant wallAt(Instant started, long drillMs) {
    return started.plusMillis(drillMs / SPEED);
  }
}
