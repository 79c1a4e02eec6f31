package io.breachdrill.drill;

import static io.breachdrill.drill.DrillDatabase.assertExactlyOnce;
import static io.breachdrill.drill.DrillDatabase.deliveries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.breachdrill.TestDatabase;
import io.breachdrill.drill.DrillDatabase.Row;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two packaged nodes on one database run one drill at 60x (a drill minute is a wall second): both
 * dispatchers run, every inject reaches every team exactly once, and a participant's stream on one
 * node shows what the other node appended. Then every node is killed hard mid-drill; a node started
 * again keeps the log as it was and delivers what came due meanwhile, in drill-time order, with the
 * time it was due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillClusterIT {

  static final String DATABASE = "breachdrill_cluster_it";
  static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
  static final String FACILITATOR_EMAIL = "cluster.facilitator@example.com";
  static final String FACILITATOR_PASSWORD = "the cluster test's facilitator secret";
  static final String SCENARIO = "cluster-drill";
  static final int SPEED = 60;

  /** The scenario's timed injects and when they are due, in drill milliseconds. */
  static final Map<String, Long> AT =
      Map.of(
          "kickoff", 0L,
          "alert", minutes(1),
          "ticket", minutes(2),
          "call", minutes(3),
          "pull-1", minutes(12),
          "pull-2", minutes(13),
          "pull-3", minutes(14),
          "press", minutes(15),
          "wrap-up", minutes(28));

  static final List<String> FIRST_MINUTES = List.of("kickoff", "alert", "ticket", "call");
  static final List<String> DURING_DOWNTIME = List.of("pull-1", "pull-2", "pull-3", "press");

  static final Duration SIGNAL = Duration.ofSeconds(5);

  final List<AppNode> nodes = new CopyOnWriteArrayList<>();
  final List<SseClient> streams = new CopyOnWriteArrayList<>();
  final DrillDatabase db = new DrillDatabase(JDBC_URL);

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  AppNode nodeA;
  AppNode nodeB;
  FacilitatorClient facilitator;
  Browser participant;
  long drillId;
  long red;
  long blue;
  SseClient redStream;
  boolean sharedDrillRan;

  @BeforeAll
  void startTwoNodesAndPrepareADrill() throws Exception {
    TestDatabase.recreate(DATABASE);
    nodeA = node("a");
    nodeB = node("b");
    // Together, as replicas of a new installation start: both find no users and no schema.
    nodeA.start();
    nodeB.start();
    nodeA.awaitReady();
    nodeB.awaitReady();

    facilitator =
        FacilitatorClient.create(nodeA, FACILITATOR_EMAIL, FACILITATOR_PASSWORD, "Cleo Cluster");
    drillId =
        facilitator.createDrill(
            nodeA, SCENARIO, "Cluster drill", List.of("Red team", "Blue team"), SPEED);
    Map<String, Long> teams = facilitator.teams(nodeA, drillId);
    red = teams.get("Red team");
    blue = teams.get("Blue team");
  }

  @AfterAll
  void killNodes() {
    streams.forEach(SseClient::close);
    nodes.forEach(AppNode::kill);
  }

  @Test
  @Order(1)
  void twoNodesShareOneDrill() throws Exception {
    // The facilitator's console streams from node A; starting after the last event but one makes
    // the stream's first message prove it is subscribed before anything else happens.
    long lastSeq =
        facilitator.browser.json(nodeA, "/api/drills/" + drillId).get("lastSeq").asLong();
    SseClient console =
        stream(facilitator.browser, nodeA, "/drills/" + drillId + "/stream", lastSeq - 1);
    console.await("the console's first message", e -> e.id() == lastSeq, SIGNAL);

    // A participant joins the red team through node B: node A's console hears of it. Nothing else
    // happens on node A, so only the NOTIFY from node B can have woken its stream.
    String token = joinToken(red);
    participant = new Browser();
    participant.get(nodeB, "/join/" + token);
    HttpResponse<String> joined =
        participant.post(nodeB, "/join/" + token, "name", "Riley", "role", "soc-analyst");
    assertThat(joined.statusCode()).as("joining: %s", joined.body()).isEqualTo(303);
    assertThat(joined.headers().firstValue("location").orElseThrow()).endsWith("/teams/" + red);
    long joinSeq = seqOf("PARTICIPANT_JOINED", red);
    console.await(
        "node A's console showing the join appended on node B",
        e -> e.id() == joinSeq && e.data().contains("Riley"),
        SIGNAL);

    // The participant's page streams from node B; the facilitator opens the lobby on node A.
    participant.get(nodeB, "/teams/" + red);
    redStream = stream(participant, nodeB, "/teams/" + red + "/stream", joinSeq - 1);
    redStream.await("the team stream's first message", e -> e.id() == joinSeq, SIGNAL);
    facilitator.command(nodeA, drillId, "open");
    long openedSeq = seqOf("OPENED", null);
    redStream.await(
        "node B's team page showing the lobby opened on node A",
        e -> e.id() == openedSeq && e.data().contains("status-lobby"),
        SIGNAL);

    // Both nodes lose their LISTEN connection (as when PostgreSQL restarts or a proxy drops it);
    // each reconnects, and a second participant's join on node B still reaches node A's console.
    List<Integer> listeners = listenerPids(2);
    db.terminate(listeners);
    Instant reconnectBy = Instant.now().plusSeconds(10);
    List<Integer> relistening = listenerPids(0);
    while (relistening.size() < 2 || relistening.stream().anyMatch(listeners::contains)) {
      if (Instant.now().isAfter(reconnectBy)) {
        fail("The nodes did not LISTEN again within 10 s; listening backends: " + relistening);
      }
      Thread.sleep(100);
      relistening = listenerPids(0);
    }
    String blueToken = joinToken(blue);
    Browser blueParticipant = new Browser();
    blueParticipant.get(nodeB, "/join/" + blueToken);
    assertThat(
            blueParticipant
                .post(nodeB, "/join/" + blueToken, "name", "Sam", "role", "incident-commander")
                .statusCode())
        .isEqualTo(303);
    long blueJoinSeq = seqOf("PARTICIPANT_JOINED", blue);
    console.await(
        "node A's console showing a join on node B after both reconnected",
        e -> e.id() == blueJoinSeq && e.data().contains("Sam"),
        SIGNAL);

    facilitator.command(nodeA, drillId, "start");
    long startedSeq = seqOf("STARTED", null);
    redStream.await(
        "node B's team page showing the clock started on node A",
        e -> e.id() == startedSeq && e.data().contains("status-running"),
        SIGNAL);

    // The red team answers the time-limited decision through node B; the blue team stays silent.
    redStream.await(
        "the kickoff inject on node B", e -> e.data().contains("the drill begins"), SIGNAL);
    participant.get(nodeB, "/teams/" + red);
    HttpResponse<String> decided =
        participant.post(
            nodeB,
            "/teams/" + red + "/decisions/first-move",
            "option",
            "revoke",
            "rationale",
            "It is public; revoke first.");
    assertThat(decided.statusCode()).as("deciding: %s", decided.body()).isEqualTo(303);

    // Red: four timed injects and its branch; blue: four, a time-out (4m) and its branch (5m).
    awaitLog(
        "the first minutes' injects, the decision, the time-out and both branches",
        rows ->
            deliveries(rows, red).size() == FIRST_MINUTES.size() + 1
                && deliveries(rows, blue).size() == FIRST_MINUTES.size() + 1
                && rows.stream().anyMatch(r -> r.type().equals("DECISION_TIMED_OUT")),
        Duration.ofSeconds(25));

    List<Row> log = db.events(drillId);
    assertExactlyOnce(log);
    for (long team : List.of(red, blue)) {
      Map<String, Row> delivered = deliveries(log, team);
      assertThat(delivered.keySet())
          .as("team %d's timed injects", team)
          .containsAll(FIRST_MINUTES)
          .contains(team == red ? "revoked" : "silence");
      for (String inject : FIRST_MINUTES) {
        Row row = delivered.get(inject);
        assertThat(row.data().get("dueMs").asLong()).isEqualTo(AT.get(inject));
        assertThat(row.drillMs()).isGreaterThanOrEqualTo(AT.get(inject));
      }
    }
    assertThat(log.stream().filter(r -> r.type().equals("INJECT_DELIVERED")).count())
        .as("deliveries in all")
        .isEqualTo(2L * (FIRST_MINUTES.size() + 1));
    assertThat(outcome(log, red).type()).isEqualTo("DECISION_MADE");
    assertThat(outcome(log, blue).type()).isEqualTo("DECISION_TIMED_OUT");

    // Node B's participant saw every red delivery, whichever node's dispatcher appended it.
    for (Row row : deliveries(log, red).values()) {
      redStream.await(
          "inject " + row.onceKey() + " on node B",
          e -> e.id() == row.seq() && e.data().contains("id=\"inject-" + row.seq() + "\""),
          SIGNAL);
    }
    assertIncreasingIds(redStream);
    assertThat(redStream.ids())
        .as("node B's team stream carries only the red team's and the drill's events")
        .allSatisfy(id -> assertThat(teamOf(log, id)).isNotEqualTo(Optional.of(blue)));

    Map<String, Double> a = nodeA.metrics();
    Map<String, Double> b = nodeB.metrics();
    System.out.printf(
        "DrillClusterIT: dispatcher ticks a=%.0f b=%.0f, drills claimed a=%.0f b=%.0f%n",
        a.get("ticks"), b.get("ticks"), a.get("claims"), b.get("claims"));
    assertThat(a.get("ticks")).as("node A's dispatcher ticks").isPositive();
    assertThat(b.get("ticks")).as("node B's dispatcher ticks").isPositive();
    long dispatched =
        log.stream()
            .filter(r -> r.type().equals("DECISION_TIMED_OUT") || r.data().has("dueMs"))
            .count();
    assertThat(a.get("claims") + b.get("claims")).isBetween(1.0, (double) dispatched);
    console.close();
    sharedDrillRan = true;
  }

  @Test
  @Order(2)
  void aNodeStartedAfterEveryNodeDiedLosesNothingAndCatchesUpInOrder() throws Exception {
    Assumptions.assumeTrue(sharedDrillRan, "needs the drill the two nodes ran");
    JsonNode before = facilitator.browser.json(nodeA, "/api/drills/" + drillId);
    JsonNode eventsBefore = facilitator.browser.json(nodeA, "/api/drills/" + drillId + "/events");
    long drillMsBefore = before.get("drillMs").asLong();
    assertThat(drillMsBefore)
        .as("drill time before the kill; this machine is too slow for the test's timing")
        .isLessThan(AT.get("pull-1") - minutes(1));
    long lastSeenOnB = redStream.ids().get(redStream.ids().size() - 1);

    redStream.close();
    nodeA.kill();
    nodeB.kill();
    Instant killed = Instant.now();
    List<Row> atKill = db.events(drillId);
    long lastSeqAtKill = atKill.get(atKill.size() - 1).seq();
    assertThat(deliveries(atKill, red)).doesNotContainKeys(DURING_DOWNTIME.toArray(String[]::new));

    Instant started = Instant.parse(event(eventsBefore, "STARTED").get("at").asText());
    Instant allDue = started.plusMillis(AT.get("press") / SPEED + 500);
    sleepUntil(allDue);
    AppNode again = node("a-restarted");
    again.start();
    again.awaitReady();
    Instant ready = Instant.now();
    awaitLog(
        "the injects that came due while every node was down",
        rows -> deliveries(rows, blue).keySet().containsAll(DURING_DOWNTIME),
        Duration.ofSeconds(10));

    JsonNode eventsAfter = facilitator.browser.json(again, "/api/drills/" + drillId + "/events");
    JsonNode after = facilitator.browser.json(again, "/api/drills/" + drillId);

    // The log up to the kill is untouched: what the API showed and what the database held.
    for (int i = 0; i < eventsBefore.size(); i++) {
      assertThat(eventsAfter.get(i))
          .as("event %d after the restart", i + 1)
          .isEqualTo(eventsBefore.get(i));
    }
    for (Row row : atKill) {
      JsonNode event = eventsAfter.get((int) row.seq() - 1);
      assertThat(event.get("seq").asLong()).isEqualTo(row.seq());
      assertThat(event.get("type").asText()).isEqualTo(row.type());
      assertThat(event.get("drillMs").asLong()).isEqualTo(row.drillMs());
      assertThat(event.get("data")).as("data of event %d", row.seq()).isEqualTo(row.data());
    }

    // Every team stands where it stood: members, what reached it, how its decisions ended.
    long lastSeqBefore = before.get("lastSeq").asLong();
    for (JsonNode teamBefore : before.get("teams")) {
      JsonNode teamAfter = team(after, teamBefore.get("id").asLong());
      assertThat(teamAfter.get("members")).isEqualTo(teamBefore.get("members"));
      assertThat(upTo(teamAfter.get("delivered"), lastSeqBefore))
          .isEqualTo(upTo(teamBefore.get("delivered"), lastSeqBefore));
      assertThat(upTo(teamAfter.get("decisions"), lastSeqBefore))
          .isEqualTo(upTo(teamBefore.get("decisions"), lastSeqBefore));
    }
    assertThat(after.get("status").asText()).isEqualTo("running");

    // What came due meanwhile arrived at once on start, in drill-time order, keeping its due time.
    List<JsonNode> caughtUp = new ArrayList<>();
    eventsAfter.forEach(
        e -> {
          if (e.get("seq").asLong() > lastSeqAtKill) {
            caughtUp.add(e);
          }
        });
    assertThat(caughtUp)
        .extracting(e -> e.get("data").path("injectId").asText())
        .as("deliveries after the restart")
        .startsWith("pull-1", "pull-1", "pull-2", "pull-2", "pull-3", "pull-3", "press", "press");
    List<JsonNode> downtime = caughtUp.subList(0, 2 * DURING_DOWNTIME.size());
    long catchUpDrillMs = downtime.get(0).get("drillMs").asLong();
    for (JsonNode e : downtime) {
      String inject = e.get("data").get("injectId").asText();
      assertThat(e.get("type").asText()).isEqualTo("INJECT_DELIVERED");
      assertThat(e.get("data").get("dueMs").asLong()).as(inject).isEqualTo(AT.get(inject));
      assertThat(e.get("drillMs").asLong()).as("one catch-up").isEqualTo(catchUpDrillMs);
      assertThat(Instant.parse(e.get("at").asText()))
          .isAfter(killed)
          .isBefore(ready.plusSeconds(5));
    }
    assertThat(catchUpDrillMs).isGreaterThan(AT.get("press"));
    System.out.printf(
        "DrillClusterIT: killed every node at drill %.1f min, a node was ready %.1f s later and"
            + " caught up %d deliveries at drill %.1f min%n",
        drillMsBefore / 60_000.0,
        Duration.between(killed, ready).toMillis() / 1000.0,
        downtime.size(),
        catchUpDrillMs / 60_000.0);
    for (String inject : DURING_DOWNTIME) {
      for (long team : List.of(red, blue)) {
        JsonNode delivered = delivered(after, team, inject);
        assertThat(delivered.get("dueMs").asLong()).isEqualTo(AT.get(inject));
        assertThat(delivered.get("shownMs").asLong()).isEqualTo(AT.get(inject));
      }
    }

    // The participant reconnects to the restarted node where its stream left off.
    SseClient resumed = stream(participant, again, "/teams/" + red + "/stream", null, lastSeenOnB);
    List<Long> missed =
        caughtUp.stream()
            .filter(e -> e.path("teamId").asLong() == red)
            .map(e -> e.get("seq").asLong())
            .toList();
    for (long seq : missed) {
      resumed.await("missed event " + seq, e -> e.id() == seq, SIGNAL);
    }
    assertThat(resumed.ids().get(0)).isEqualTo(missed.get(0));
    assertIncreasingIds(resumed);

    // The restarted node keeps time afterwards, and nothing was ever delivered twice.
    awaitLog(
        "the wrap-up at 28m, from the restarted node",
        rows ->
            deliveries(rows, red).containsKey("wrap-up")
                && deliveries(rows, blue).containsKey("wrap-up"),
        Duration.ofSeconds(20));
    List<Row> finalLog = db.events(drillId);
    assertExactlyOnce(finalLog);
    for (long team : List.of(red, blue)) {
      Row wrapUp = deliveries(finalLog, team).get("wrap-up");
      assertThat(wrapUp.drillMs() - AT.get("wrap-up"))
          .as("wrap-up's lateness in drill ms (60 = 1 wall ms)")
          .isBetween(0L, 60L * 1000);
      assertThat(deliveries(finalLog, team).keySet())
          .containsAll(AT.keySet())
          .hasSize(AT.size() + 1);
    }
  }

  // ---------------------------------------------------------------- checks

  private static void assertIncreasingIds(SseClient stream) {
    List<Long> ids = stream.ids();
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).as("SSE ids %s", ids).isGreaterThan(ids.get(i - 1));
    }
  }

  private static Row outcome(List<Row> log, long team) {
    return log.stream()
        .filter(r -> "decision:first-move".equals(r.onceKey()) && r.forTeam(team))
        .findFirst()
        .orElseThrow(() -> new AssertionError("team " + team + " has no outcome of first-move"));
  }

  private static Optional<Long> teamOf(List<Row> log, long seq) {
    return log.stream().filter(r -> r.seq() == seq).findFirst().map(Row::teamId);
  }

  private void awaitLog(String what, Predicate<List<Row>> done, Duration timeout) throws Exception {
    db.awaitEvents(drillId, what, done, timeout);
  }

  private long seqOf(String type, Long team) throws SQLException {
    return db.events(drillId).stream()
        .filter(r -> r.type().equals(type) && (team == null || team.equals(r.teamId())))
        .mapToLong(Row::seq)
        .max()
        .orElseThrow(() -> new AssertionError("no " + type + " event in the log"));
  }

  /** The database backends of the nodes' LISTEN connections, at least this many. */
  private List<Integer> listenerPids(int atLeast) throws SQLException {
    List<Integer> pids = db.listenerPids();
    assertThat(pids).as("backends listening for drill events").hasSizeGreaterThanOrEqualTo(atLeast);
    return pids;
  }

  private String joinToken(long team) throws Exception {
    return facilitator.joinToken(nodeA, drillId, team);
  }

  private static JsonNode event(JsonNode events, String type) {
    return stream(events)
        .filter(e -> e.get("type").asText().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event"));
  }

  private static JsonNode team(JsonNode state, long id) {
    return stream(state.get("teams"))
        .filter(t -> t.get("id").asLong() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no team " + id + " in " + state));
  }

  private static JsonNode delivered(JsonNode state, long team, String inject) {
    return stream(team(state, team).get("delivered"))
        .filter(d -> inject.equals(d.path("injectId").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(inject + " did not reach team " + team));
  }

  private static List<JsonNode> upTo(JsonNode entries, long seq) {
    return stream(entries).filter(e -> e.get("seq").asLong() <= seq).toList();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  // ---------------------------------------------------------------- helpers

  private AppNode node(String name) {
    AppNode node = new AppNode(name, JDBC_URL, AppNode.scenarios("/drill/cluster"));
    nodes.add(node);
    return node;
  }

  /** A page's stream as one connection, which the test closes or the node's death ends. */
  private SseClient stream(Browser browser, AppNode node, String path, long after) {
    return stream(browser, node, path, after, null);
  }

  private SseClient stream(
      Browser browser, AppNode node, String path, Long after, Long lastEventId) {
    SseClient stream = browser.stream(node, path, after, lastEventId);
    streams.add(stream);
    return stream;
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  static long minutes(long minutes) {
    return Duration.ofMinutes(minutes).toMillis();
  }
}
