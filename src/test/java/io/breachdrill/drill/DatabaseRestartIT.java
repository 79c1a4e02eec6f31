package io.breachdrill.drill;

import static io.breachdrill.drill.DrillDatabase.assertExactlyOnce;
import static io.breachdrill.drill.FaultScenario.drillMsAt;
import static io.breachdrill.drill.FaultScenario.wallAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breachdrill.drill.DrillDatabase.Row;
import io.breachdrill.scenario.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL goes away under two running nodes, once stopped cleanly and once as a crash, and comes
 * back on the same port: each node says it is not ready while the database is gone, stays alive,
 * and is ready again by itself; what came due meanwhile is delivered once; answers acknowledged
 * before are kept and new ones accepted; pages keep receiving events, also those the other node
 * appended, which only a node's re-established LISTEN connection brings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartIT {

  static final String DATABASE = "breachdrill_faults_pg";
  static final int TEAMS = 3;
  static final String DATASOURCE_CHECK = "Database connections health check";

  /** How soon a node must be ready again once the database is back. */
  static final Duration RECOVERY = Duration.ofSeconds(30);

  static final Duration LATENCY = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int PAGE_LOADS = 16;

  final List<AppNode> nodes = new CopyOnWriteArrayList<>();

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  final FaultScenario scenario = FaultScenario.load();
  final List<Seat> seats = new ArrayList<>();
  final List<Answer> acknowledged = new ArrayList<>();
  PrivatePostgres postgres;
  DrillDatabase db;
  AppNode nodeA;
  AppNode nodeB;
  FacilitatorClient facilitator;
  long drill;
  Instant started;
  long quietDrill;
  long quietTeam;
  SseClient quietConsole;

  @BeforeAll
  void startTwoNodesOnAServerOfTheirOwn() throws Exception {
    Optional<Path> bin = PrivatePostgres.binaries();
    Assumptions.assumeTrue(
        bin.isPresent(),
        "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: this test"
            + " restarts a PostgreSQL server of its own and never the shared one");
    postgres = PrivatePostgres.create(bin.get());
    postgres.start();
    postgres.createDatabase(DATABASE);
    String url = postgres.jdbcUrl(DATABASE);
    db = new DrillDatabase(url);
    nodeA = new AppNode("pg-a", url, AppNode.scenarios(FaultScenario.FOLDER));
    nodeB = new AppNode("pg-b", url, AppNode.scenarios(FaultScenario.FOLDER));
    nodes.addAll(List.of(nodeA, nodeB));
    nodeA.start();
    nodeB.start();
    nodeA.awaitReady();
    nodeB.awaitReady();

    facilitator =
        FacilitatorClient.create(
            nodeA, "pg.facilitator@example.com", "the database test's facilitator", "Pia Postgres");
    List<String> teams = IntStream.rangeClosed(1, TEAMS).mapToObj(i -> "Team " + i).toList();
    drill =
        facilitator.createDrill(
            nodeA, FaultScenario.ID, "Database restart drill", teams, FaultScenario.SPEED);
    for (long team : facilitator.teams(nodeA, drill).values()) {
      Browser participant =
          facilitator.seat(nodeA, drill, team, "Member of " + team, "incident-commander");
      SseClient stream = participant.eventSource(() -> nodeA, "/teams/" + team + "/stream", 0L);
      seats.add(new Seat(drill, team, participant, stream));
    }

    // A drill nobody starts: nothing is appended to it but a join on node B, so node A's console
    // can learn of that join only through its LISTEN connection.
    quietDrill =
        facilitator.createDrill(
            nodeA, FaultScenario.ID, "Quiet drill", List.of("Quiet team"), FaultScenario.SPEED);
    quietTeam = facilitator.teams(nodeA, quietDrill).get("Quiet team");
    long lastSeq = facilitator.state(nodeA, quietDrill).get("lastSeq").asLong();
    quietConsole =
        facilitator.browser.eventSource(
            () -> nodeA, "/drills/" + quietDrill + "/stream", lastSeq - 1);
    quietConsole.await("the quiet console's first message", m -> m.id() == lastSeq, WAIT);

    facilitator.command(nodeA, drill, "start");
    started = db.startedAt(drill);
    db.awaitEvents(
        drill,
        "both decisions reaching every team",
        rows -> rows.stream().filter(r -> "briefing".equals(r.onceKey())).count() == TEAMS,
        WAIT);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      seats.forEach(s -> s.stream().close());
      if (quietConsole != null) {
        quietConsole.close();
      }
      nodes.forEach(AppNode::kill);
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  void theNodesRideOutADatabaseRestart() throws Exception {
    acknowledge(Answer.give(seats.get(0), nodeB, "first-call", "revoke"));
    blip();

    outage("fast", "Quinn", List.of(new Answer(seats.get(1), "first-call", "watch", 0)));
    outage(
        "immediate",
        "Rowan",
        List.of(
            new Answer(seats.get(0), "second-call", "brief", 0),
            new Answer(seats.get(2), "first-call", "revoke", 0)));
  }

  /**
   * Every connection of the nodes is cut at once, as a restart too quick for anyone to notice or a
   * failover behind a proxy would: the pages people load right then still load.
   */
  private void blip() throws Exception {
    loadPagesAtOnce("before the connections are cut");
    int cut = db.terminateOthers();
    loadPagesAtOnce("right after " + cut + " connections were cut");
    for (AppNode node : nodes) {
      awaitReadiness(node, 200, RECOVERY);
    }
  }

  /**
   * The database stops in the given mode and starts again; then the given answers are posted to
   * node B and someone joins the quiet drill there.
   */
  private void outage(String mode, String joiner, List<Answer> afterwards) throws Exception {
    loadPagesAtOnce("before the database " + mode + "-stops");
    postgres.stop(mode);
    Instant down = Instant.now();
    for (AppNode node : nodes) {
      JsonNode ready = awaitReadiness(node, 503, RECOVERY);
      assertThat(ready.get("status").asText()).isEqualTo("DOWN");
      assertThat(ready.get("checks"))
          .as("node %s's readiness checks with the database %s-stopped", node.name, mode)
          .anySatisfy(
              check -> {
                assertThat(check.get("name").asText()).isEqualTo(DATASOURCE_CHECK);
                assertThat(check.get("status").asText()).isEqualTo("DOWN");
              });
      assertLive(node);
      assertPageSaysComeBack(node, mode);
    }
    // The database stays away until a timed inject has come due meanwhile.
    long dueMeanwhile = nextTimedInject(drillMsAt(started, Instant.now()));
    sleepUntil(wallAt(started, dueMeanwhile).plusMillis(500));
    nodes.forEach(this::assertLive);

    Instant restarting = Instant.now();
    postgres.start();
    Instant up = Instant.now();
    for (AppNode node : nodes) {
      awaitReadiness(node, 200, RECOVERY);
      System.out.printf(
          "DatabaseRestartIT: %s stop, down %.1f s; node %s ready %.1f s after the database%n",
          mode,
          Duration.between(down, up).toMillis() / 1000.0,
          node.name,
          Duration.between(up, Instant.now()).toMillis() / 1000.0);
    }
    assertThat(db.listenerPids()).as("nodes listening for drill events again").hasSize(2);
    // Pooled connections from before the outage are dead; none may fail a page once ready.
    loadPagesAtOnce("as soon as the nodes are ready after the " + mode + " stop");

    List<Row> log = scenario.awaitEverythingDue(db, drill, started, teams(), LATENCY, WAIT);
    assertExactlyOnce(log);
    // Due while nothing could be appended, so delivered once the database was back.
    assertThat(wallAt(started, dueMeanwhile)).isAfter(down).isBefore(restarting);
    String meanwhile = injectDueAt(dueMeanwhile);
    db.awaitEvents(
        drill,
        meanwhile + ", due while the database was down, reaching every team",
        rows -> rows.stream().filter(r -> meanwhile.equals(r.onceKey())).count() == TEAMS,
        WAIT);
    assertAnswersKept(log);

    for (Answer answer : afterwards) {
      acknowledge(Answer.give(answer.seat(), nodeB, answer.decision(), answer.option()));
    }
    assertJoinReachesNodeA(joiner);

    log =
        db.awaitEvents(
            drill,
            "the answers given after the database came back",
            rows ->
                rows.stream().filter(r -> r.type().equals("DECISION_MADE")).count()
                    == acknowledged.size(),
            WAIT);
    assertAnswersKept(log);
    for (Seat seat : seats) {
      FaultScenario.assertStreamShows(seat.stream(), log, seat.teamId(), WAIT);
    }
    System.out.printf(
        "DatabaseRestartIT: after the %s stop, team streams had %s connections, refused %s%n",
        mode,
        seats.stream().map(s -> s.stream().connections()).toList(),
        seats.stream().map(s -> s.stream().refusals()).toList());
  }

  /**
   * A participant joins the quiet drill through node B; node A's console, on the connection it had
   * before the join, shows them: the NOTIFY from node B reached node A's LISTEN connection.
   */
  private void assertJoinReachesNodeA(String joiner) throws Exception {
    int connection = quietConsole.awaitOpen(WAIT);
    facilitator.seat(nodeB, quietDrill, quietTeam, joiner, "soc-analyst");
    SseClient.Message shown =
        quietConsole.await(
            "node A's console showing " + joiner + ", who joined on node B",
            m -> m.data().contains(joiner),
            WAIT);
    assertThat(shown.connection())
        .as("the console connection that showed the join (a reconnect would read the log anyway)")
        .isEqualTo(connection);
  }

  /**
   * Participants load their team pages on both nodes at once (which also leaves several connections
   * in each node's pool); every page loads.
   */
  private void loadPagesAtOnce(String when) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PAGE_LOADS);
    try {
      List<Future<Integer>> loads = new ArrayList<>();
      for (int i = 0; i < PAGE_LOADS; i++) {
        AppNode node = nodes.get(i % nodes.size());
        Seat seat = seats.get(i % seats.size());
        loads.add(
            pool.submit(
                () -> seat.participant().get(node, "/teams/" + seat.teamId()).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> load : loads) {
        statuses.add(load.get());
      }
      assertThat(statuses).as("team pages loaded " + when).containsOnly(200);
    } finally {
      pool.shutdownNow();
    }
  }

  private void acknowledge(Answer answer) {
    assertThat(answer.status())
        .as("team %d answering %s", answer.seat().teamId(), answer.decision())
        .isEqualTo(303);
    acknowledged.add(answer);
  }

  private void assertAnswersKept(List<Row> log) throws Exception {
    JsonNode state = facilitator.state(nodeA, drill);
    for (Answer answer : acknowledged) {
      answer.assertKept(log, state);
    }
  }

  /**
   * A signed-in participant's page, with the database away, says to come back: the session may be
   * valid, so it must not send them to sign in again.
   */
  private void assertPageSaysComeBack(AppNode node, String mode) throws Exception {
    Seat seat = seats.get(0);
    HttpResponse<String> page = seat.participant().get(node, "/teams/" + seat.teamId());
    assertThat(page.statusCode())
        .as("a team page on node %s with the database %s-stopped: %s", node.name, mode, page.body())
        .isEqualTo(503);
    assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(page.body()).contains("The database is not answering just now.");
  }

  private void assertLive(AppNode node) {
    AppNode.Health live = node.health("live");
    assertThat(live.status()).as("node %s's liveness: %s", node.name, live.body()).isEqualTo(200);
  }

  private static JsonNode awaitReadiness(AppNode node, int status, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    AppNode.Health ready = node.health("ready");
    while (ready.status() != status) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Node "
                + node.name
                + "'s readiness did not answer "
                + status
                + " within "
                + timeout.toSeconds()
                + " s; last: "
                + ready);
      }
      Thread.sleep(100);
      ready = node.health("ready");
    }
    return Browser.JSON.readTree(ready.body());
  }

  /** The drill time of the first timed inject after this drill time. */
  private long nextTimedInject(long drillMs) {
    return scenario.scenario.injects().stream()
        .map(Inject::at)
        .filter(at -> at != null && at.toMillis() > drillMs)
        .mapToLong(Duration::toMillis)
        .min()
        .orElseThrow(() -> new AssertionError("the drill ran out of timed injects"));
  }

  private String injectDueAt(long drillMs) {
    return scenario.scenario.injects().stream()
        .filter(i -> i.at() != null && i.at().toMillis() == drillMs)
        .findFirst()
        .orElseThrow()
        .id();
  }

  private List<Long> teams() {
    return seats.stream().map(Seat::teamId).toList();
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
