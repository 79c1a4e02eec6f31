package io.breachdrill.drill;

import static io.breachdrill.drill.DrillDatabase.assertExactlyOnce;
import static io.breachdrill.drill.FaultScenario.wallAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.TestDatabase;
import io.breachdrill.drill.DrillDatabase.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes share four running drills, both dispatching, with team pages streaming from either; one
 * node is killed with SIGKILL. The other delivers every drill's injects on time and once, its pages
 * show them, and the dead node's pages reconnect to it (as through a load balancer) and resume
 * where they left off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeLossIT {

  static final String DATABASE = "breachdrill_faults_nodes";
  static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
  static final int DRILLS = 4;
  static final List<String> TEAMS = List.of("Red team", "Blue team");

  /** How long the survivor is watched alone: a few timed injects per drill come due. */
  static final Duration ALONE = Duration.ofSeconds(6);

  /** How late the survivor may deliver an inject due after the kill. */
  static final Duration ON_TIME = Duration.ofSeconds(2);

  /** How late a page on the survivor may show it. */
  static final Duration SHOWN = Duration.ofSeconds(5);

  static final Duration WAIT = Duration.ofSeconds(30);

  final List<AppNode> nodes = new CopyOnWriteArrayList<>();

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  final FaultScenario scenario = FaultScenario.load();
  final DrillDatabase db = new DrillDatabase(JDBC_URL);
  final List<Long> drills = new ArrayList<>();
  final List<Seat> seats = new ArrayList<>();

  /** The node each seat's page first streamed from. */
  final Map<Seat, AppNode> streamedFrom = new LinkedHashMap<>();

  AppNode survivor;
  AppNode victim;
  FacilitatorClient facilitator;

  @BeforeAll
  void startTwoNodesAndFourDrills() throws Exception {
    TestDatabase.recreate(DATABASE);
    survivor = new AppNode("survivor", JDBC_URL, AppNode.scenarios(FaultScenario.FOLDER));
    victim = new AppNode("victim", JDBC_URL, AppNode.scenarios(FaultScenario.FOLDER));
    nodes.addAll(List.of(survivor, victim));
    survivor.start();
    victim.start();
    survivor.awaitReady();
    victim.awaitReady();
    facilitator =
        FacilitatorClient.create(
            survivor, "nodes.facilitator@example.com", "the node test's facilitator", "Nia Node");
    for (int d = 1; d <= DRILLS; d++) {
      long drill =
          facilitator.createDrill(
              survivor, FaultScenario.ID, "Node loss drill " + d, TEAMS, FaultScenario.SPEED);
      drills.add(drill);
      for (long team : facilitator.teams(survivor, drill).values()) {
        // Every other page streams from the node that will die; its browser then reaches the
        // survivor, as a load balancer would send it.
        AppNode first = seats.size() % 2 == 0 ? survivor : victim;
        Browser participant =
            facilitator.seat(first, drill, team, "Member of " + team, "soc-analyst");
        SseClient stream =
            participant.eventSource(
                () -> first.alive() ? first : survivor, "/teams/" + team + "/stream", 0L);
        Seat seat = new Seat(drill, team, participant, stream);
        seats.add(seat);
        streamedFrom.put(seat, first);
      }
    }
  }

  @AfterAll
  void stop() {
    seats.forEach(s -> s.stream().close());
    nodes.forEach(AppNode::kill);
  }

  @Test
  void theSurvivorKeepsEveryDrillOnTime() throws Exception {
    for (long drill : drills) {
      facilitator.command(survivor, drill, "start");
    }
    // Both nodes are dispatching before one dies.
    awaitClaims(victim);
    awaitClaims(survivor);
    for (long drill : drills) {
      db.awaitEvents(
          drill,
          "the first timed update reaching both teams",
          rows -> rows.stream().filter(r -> "tick-002".equals(r.onceKey())).count() == 2,
          WAIT);
    }

    victim.kill();
    Instant killed = Instant.now();
    Thread.sleep(ALONE.toMillis());
    Instant watched = Instant.now();

    int dueAfterKill = 0;
    for (long drill : drills) {
      Instant started = db.startedAt(drill);
      List<Long> teams =
          seats.stream().filter(s -> s.drillId() == drill).map(Seat::teamId).toList();
      List<Row> log = scenario.awaitEverythingDue(db, drill, started, teams, ON_TIME, WAIT);
      assertExactlyOnce(log);
      for (Seat seat : seats) {
        if (seat.drillId() != drill) {
          continue;
        }
        FaultScenario.assertStreamShows(seat.stream(), log, seat.teamId(), WAIT);
        for (Row row : DrillDatabase.deliveries(log, seat.teamId()).values()) {
          long dueMs = row.data().get("dueMs").asLong();
          Instant due = wallAt(started, dueMs);
          if (due.isBefore(killed) || due.isAfter(watched)) {
            continue;
          }
          dueAfterKill++;
          assertThat(Duration.ofMillis((row.drillMs() - dueMs) / FaultScenario.SPEED))
              .as(
                  "drill %d: %s delivered to team %d after the kill",
                  drill, row.onceKey(), seat.teamId())
              .isLessThanOrEqualTo(ON_TIME);
          if (streamedFrom.get(seat) == survivor) {
            SseClient.Message shown =
                seat.stream().await("delivery " + row.seq(), m -> m.id() == row.seq(), WAIT);
            assertThat(Duration.between(due, shown.arrival()))
                .as("drill %d: %s shown on team %d's page", drill, row.onceKey(), seat.teamId())
                .isLessThanOrEqualTo(SHOWN);
          }
        }
        if (streamedFrom.get(seat) == victim) {
          assertThat(seat.stream().messages())
              .as("%s, first on the dead node, then on the survivor", seat.stream().name())
              .anyMatch(m -> m.connection() == 1)
              .anyMatch(m -> m.connection() > 1);
        }
      }
    }
    // Three timed injects per drill and team come due in six seconds at 60x.
    assertThat(dueAfterKill)
        .as("deliveries due while the survivor ran alone")
        .isGreaterThanOrEqualTo(DRILLS * TEAMS.size() * 2);
    System.out.printf(
        "NodeLossIT: the survivor delivered %d injects due after the kill; claims %s%n",
        dueAfterKill, survivor.metrics());
  }

  private static void awaitClaims(AppNode node) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (node.metrics().get("claims") < 1) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "node " + node.name + " claimed no drill in " + WAIT.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
