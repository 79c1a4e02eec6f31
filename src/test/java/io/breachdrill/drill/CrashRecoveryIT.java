package io.breachdrill.drill;

import static io.breachdrill.drill.DrillDatabase.assertExactlyOnce;
import static io.breachdrill.drill.FaultScenario.drillMsAt;
import static io.breachdrill.drill.FaultScenario.wallAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breachdrill.TestDatabase;
import io.breachdrill.drill.DrillDatabase.Row;
import io.breachdrill.scenario.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The only node is killed with SIGKILL in the middle of two drills of eight teams each, while
 * participants' answers are arriving, and started again on the same database a few seconds later:
 * every answer it acknowledged is kept, every inject that came due meanwhile reaches every team
 * once, the drill clock ran on through the outage, and each team's page resumes its stream with
 * Last-Event-ID, missing nothing and getting nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

  static final String DATABASE = "breachdrill_faults_crash";
  static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
  static final int DRILLS = 2;
  static final int TEAMS = 8;

  /** How long the node stays dead before it starts again (which takes seconds more). */
  static final Duration DOWNTIME = Duration.ofSeconds(3);

  /** How late a running node may deliver, on a busy machine, before a test calls it lost. */
  static final Duration LATENCY = Duration.ofSeconds(2);

  static final Duration WAIT = Duration.ofSeconds(30);

  final List<AppNode> nodes = new CopyOnWriteArrayList<>();

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  final FaultScenario scenario = FaultScenario.load();
  final DrillDatabase db = new DrillDatabase(JDBC_URL);
  final List<Long> drills = new ArrayList<>();
  final List<Seat> seats = new ArrayList<>();
  AppNode node;
  FacilitatorClient facilitator;

  @BeforeAll
  void startANodeWithTwoDrillsAndTheirTeamsWatching() throws Exception {
    TestDatabase.recreate(DATABASE);
    node = new AppNode("crash", JDBC_URL, AppNode.scenarios(FaultScenario.FOLDER));
    nodes.add(node);
    node.start().awaitReady();
    facilitator =
        FacilitatorClient.create(
            node, "crash.facilitator@example.com", "the crash test's facilitator", "Cato Crash");
    List<String> teams = IntStream.rangeClosed(1, TEAMS).mapToObj(i -> "Team " + i).toList();
    for (int d = 1; d <= DRILLS; d++) {
      long drill =
          facilitator.createDrill(
              node, FaultScenario.ID, "Crash drill " + d, teams, FaultScenario.SPEED);
      drills.add(drill);
      for (long team : facilitator.teams(node, drill).values()) {
        Browser participant =
            facilitator.seat(node, drill, team, "Member of " + team, "soc-analyst");
        // From the first event, so the stream's whole history can be compared with the log.
        SseClient stream = participant.eventSource(() -> node, "/teams/" + team + "/stream", 0L);
        seats.add(new Seat(drill, team, participant, stream));
      }
    }
  }

  @AfterAll
  void stop() {
    seats.forEach(s -> s.stream().close());
    nodes.forEach(AppNode::kill);
  }

  @Test
  void aNodeKilledMidDrillLosesNothingAndItsPagesResume() throws Exception {
    for (long drill : drills) {
      facilitator.command(node, drill, "start");
    }
    // Mid-drill: both decisions are open on every team and timed injects are flowing.
    awaitEveryTeamGot("tick-004");

    ExecutorService pool = Executors.newFixedThreadPool(seats.size());
    List<Answer> answers = new ArrayList<>();
    try {
      for (Future<Answer> answer : answerAll(pool, "first-call")) {
        answers.add(answer.get());
      }
      assertThat(answers)
          .as("the first answers, all acknowledged")
          .allSatisfy(a -> assertThat(a.status()).isEqualTo(303));
      // The second answers are on their way when the node dies: killed as soon as one of them is
      // acknowledged, so some are answered and some are cut off.
      List<Future<Answer>> second = answerAll(pool, "second-call");
      awaitOneDone(second);
      node.kill();
      for (Future<Answer> answer : second) {
        answers.add(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
    Instant killed = Instant.now();
    List<Answer> acknowledged = answers.stream().filter(a -> a.acknowledged()).toList();
    System.out.printf(
        "CrashRecoveryIT: killed with %d of %d second answers acknowledged; others: %s%n",
        acknowledged.size() - seats.size(),
        seats.size(),
        answers.stream().filter(a -> a.status() != 303).map(Answer::status).toList());

    Thread.sleep(DOWNTIME.toMillis());
    Instant restarting = Instant.now();
    node.start().awaitReady();

    for (long drill : drills) {
      Instant started = db.startedAt(drill);
      assertClockRanThroughTheOutage(drill, started);
      List<Row> log = scenario.awaitEverythingDue(db, drill, started, teams(drill), LATENCY, WAIT);
      assertExactlyOnce(log);
      assertAnswersKept(drill, log, acknowledged);
      assertCaughtUp(drill, started, killed, restarting);
      assertPagesResumed(drill, log);
    }
  }

  /** Every team answers the decision at once, half one way and half the other. */
  private List<Future<Answer>> answerAll(ExecutorService pool, String decision) {
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < seats.size(); i++) {
      Seat seat = seats.get(i);
      String option =
          scenario
              .inject(decision.equals("first-call") ? "kickoff" : "briefing")
              .decision()
              .options()
              .get(i % 2)
              .id();
      answers.add(pool.submit(() -> Answer.give(seat, node, decision, option)));
    }
    return answers;
  }

  private static void awaitOneDone(List<Future<Answer>> answers) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (answers.stream().noneMatch(Future::isDone) && Instant.now().isBefore(deadline)) {
      Thread.sleep(1);
    }
  }

  private void awaitEveryTeamGot(String inject) throws Exception {
    for (long drill : drills) {
      db.awaitEvents(
          drill,
          inject + " reaching every team",
          rows -> rows.stream().filter(r -> inject.equals(r.onceKey())).count() == TEAMS,
          WAIT);
    }
  }

  /** The clock is wall time since the start times the speed: the outage counted too. */
  private void assertClockRanThroughTheOutage(long drill, Instant started) throws Exception {
    Instant before = Instant.now();
    JsonNode state = facilitator.state(node, drill);
    Instant after = Instant.now();
    assertThat(state.get("status").asText()).isEqualTo("running");
    assertThat(state.get("drillMs").asLong())
        .as("drill %d's clock after the restart, in drill ms (1 s of drill time allowed)", drill)
        .isBetween(drillMsAt(started, before) - 1000, drillMsAt(started, after) + 1000);
  }

  private void assertAnswersKept(long drill, List<Row> log, List<Answer> acknowledged)
      throws Exception {
    JsonNode state = facilitator.state(node, drill);
    for (Answer answer : acknowledged) {
      if (answer.seat().drillId() == drill) {
        answer.assertKept(log, state);
      }
    }
  }

  /** What came due while the node was dead was delivered after it came back, to every team. */
  private void assertCaughtUp(long drill, Instant started, Instant killed, Instant restarting)
      throws Exception {
    Predicate<Instant> whileDead = at -> at.isAfter(killed) && at.isBefore(restarting);
    List<Row> log =
        db.awaitEvents(
            drill,
            "every inject due while the node was dead",
            rows ->
                dueWhile(rows, drill, started, whileDead).stream()
                    .allMatch(
                        d -> DrillDatabase.deliveries(rows, d.team()).containsKey(d.inject())),
            WAIT);
    List<Due> due = dueWhile(log, drill, started, whileDead);
    for (Due d : due) {
      assertThat(DrillDatabase.deliveries(log, d.team()).get(d.inject()).at())
          .as("team %d's %s, due while the node was dead", d.team(), d.inject())
          .isAfter(killed);
    }
    // Both timed injects and the branches of answers given just before the kill.
    assertThat(due).as("deliveries that came due during the outage").hasSizeGreaterThan(TEAMS);
    System.out.printf("CrashRecoveryIT: drill %d caught up %d deliveries%n", drill, due.size());
  }

  /** A team's inject. */
  record Due(long team, String inject) {}

  private List<Due> dueWhile(List<Row> log, long drill, Instant started, Predicate<Instant> when) {
    List<Due> due = new ArrayList<>();
    for (long team : teams(drill)) {
      for (Inject inject : scenario.scenario.injects()) {
        Long dueMs = scenario.dueMs(inject, log, team);
        if (dueMs != null && when.test(wallAt(started, dueMs))) {
          due.add(new Due(team, inject.id()));
        }
      }
    }
    return due;
  }

  /**
   * Each team page's stream, before the kill and after reconnecting with Last-Event-ID, received
   * exactly the team's events: all of them, in order, none twice.
   */
  private void assertPagesResumed(long drill, List<Row> log) throws Exception {
    for (Seat seat : seats) {
      if (seat.drillId() != drill) {
        continue;
      }
      SseClient stream = seat.stream();
      FaultScenario.assertStreamShows(stream, log, seat.teamId(), WAIT);
      assertThat(stream.messages())
          .as("%s: messages before and after the restart", stream.name())
          .anyMatch(m -> m.connection() == 1)
          .anyMatch(m -> m.connection() > 1);
    }
  }

  private List<Long> teams(long drill) {
    return seats.stream().filter(s -> s.drillId() == drill).map(Seat::teamId).toList();
  }
}
