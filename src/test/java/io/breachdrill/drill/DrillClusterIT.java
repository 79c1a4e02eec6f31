package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breachdrill.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

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
  static final String ADMIN_EMAIL = "cluster.admin@example.com";
  static final String ADMIN_PASSWORD = "the cluster test's admin secret";
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

  static final Duration STARTUP = Duration.ofSeconds(120);
  static final Duration SIGNAL = Duration.ofSeconds(5);
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  static final ObjectMapper JSON = new ObjectMapper();

  final List<Node> nodes = new CopyOnWriteArrayList<>();
  final List<EventStream> streams = new CopyOnWriteArrayList<>();

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  Node nodeA;
  Node nodeB;
  Browser facilitator;
  Browser participant;
  long drillId;
  long red;
  long blue;
  EventStream redStream;
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

    Browser admin = new Browser();
    admin.signIn(nodeA, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin.get(nodeA, "/admin/users/new");
    HttpResponse<String> created =
        admin.post(
            nodeA,
            "/admin/users",
            "email",
            FACILITATOR_EMAIL,
            "displayName",
            "Cleo Cluster",
            "roles",
            "facilitator",
            "password",
            FACILITATOR_PASSWORD);
    assertThat(created.statusCode()).as("creating the facilitator").isEqualTo(303);

    facilitator = new Browser();
    facilitator.signIn(nodeA, FACILITATOR_EMAIL, FACILITATOR_PASSWORD);
    facilitator.get(nodeA, "/drills");
    HttpResponse<String> drill =
        facilitator.post(
            nodeA,
            "/drills",
            "scenario",
            SCENARIO,
            "title",
            "Cluster drill",
            "teams",
            "Red team\nBlue team",
            "speed",
            String.valueOf(SPEED));
    assertThat(drill.statusCode()).as("creating the drill: %s", drill.body()).isEqualTo(303);
    drillId = idAfter(drill.headers().firstValue("location").orElseThrow(), "/drills/");
    JsonNode state = facilitator.json(nodeA, "/api/drills/" + drillId);
    red = teamId(state, "Red team");
    blue = teamId(state, "Blue team");
  }

  @AfterAll
  void killNodes() {
    streams.forEach(EventStream::close);
    nodes.forEach(Node::kill);
  }

  @Test
  @Order(1)
  void twoNodesShareOneDrill() throws Exception {
    // The facilitator's console streams from node A; starting after the last event but one makes
    // the stream's first message prove it is subscribed before anything else happens.
    long lastSeq = facilitator.json(nodeA, "/api/drills/" + drillId).get("lastSeq").asLong();
    EventStream console = facilitator.stream(nodeA, "/drills/" + drillId + "/stream", lastSeq - 1);
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
    redStream = participant.stream(nodeB, "/teams/" + red + "/stream", joinSeq - 1);
    redStream.await("the team stream's first message", e -> e.id() == joinSeq, SIGNAL);
    assertThat(facilitator.post(nodeA, "/drills/" + drillId + "/open").statusCode()).isEqualTo(303);
    long openedSeq = seqOf("OPENED", null);
    redStream.await(
        "node B's team page showing the lobby opened on node A",
        e -> e.id() == openedSeq && e.data().contains("status-lobby"),
        SIGNAL);

    // Both nodes lose their LISTEN connection (as when PostgreSQL restarts or a proxy drops it);
    // each reconnects, and a second participant's join on node B still reaches node A's console.
    List<Integer> listeners = listenerPids(2);
    terminate(listeners);
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

    assertThat(facilitator.post(nodeA, "/drills/" + drillId + "/start").statusCode())
        .isEqualTo(303);
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

    List<Row> log = Row.all(drillId);
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
    JsonNode before = facilitator.json(nodeA, "/api/drills/" + drillId);
    JsonNode eventsBefore = facilitator.json(nodeA, "/api/drills/" + drillId + "/events");
    long drillMsBefore = before.get("drillMs").asLong();
    assertThat(drillMsBefore)
        .as("drill time before the kill; this machine is too slow for the test's timing")
        .isLessThan(AT.get("pull-1") - minutes(1));
    long lastSeenOnB = redStream.ids().get(redStream.ids().size() - 1);

    redStream.close();
    nodeA.kill();
    nodeB.kill();
    Instant killed = Instant.now();
    List<Row> atKill = Row.all(drillId);
    long lastSeqAtKill = atKill.get(atKill.size() - 1).seq();
    assertThat(deliveries(atKill, red)).doesNotContainKeys(DURING_DOWNTIME.toArray(String[]::new));

    Instant started = Instant.parse(event(eventsBefore, "STARTED").get("at").asText());
    Instant allDue = started.plusMillis(AT.get("press") / SPEED + 500);
    sleepUntil(allDue);
    Node again = node("a-restarted");
    again.start();
    again.awaitReady();
    Instant ready = Instant.now();
    awaitLog(
        "the injects that came due while every node was down",
        rows -> deliveries(rows, blue).keySet().containsAll(DURING_DOWNTIME),
        Duration.ofSeconds(10));

    JsonNode eventsAfter = facilitator.json(again, "/api/drills/" + drillId + "/events");
    JsonNode after = facilitator.json(again, "/api/drills/" + drillId);

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
    EventStream resumed = participant.stream(again, "/teams/" + red + "/stream", null, lastSeenOnB);
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
    List<Row> finalLog = Row.all(drillId);
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

  private static void assertExactlyOnce(List<Row> log) {
    Map<String, Long> counts =
        log.stream()
            .filter(r -> r.onceKey() != null)
            .collect(
                Collectors.groupingBy(r -> r.teamId() + "/" + r.onceKey(), Collectors.counting()));
    assertThat(counts)
        .as("deliveries and outcomes per team and key")
        .allSatisfy(
            (k, n) -> {
              assertThat(n).as(k).isEqualTo(1L);
            });
    List<Long> seqs = log.stream().map(Row::seq).toList();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("seq without gaps").isEqualTo(i + 1L);
    }
  }

  private static void assertIncreasingIds(EventStream stream) {
    List<Long> ids = stream.ids();
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).as("SSE ids %s", ids).isGreaterThan(ids.get(i - 1));
    }
  }

  /** A team's scenario inject deliveries by inject id. */
  private static Map<String, Row> deliveries(List<Row> log, long team) {
    Map<String, Row> byInject = new LinkedHashMap<>();
    for (Row row : log) {
      if (row.type().equals("INJECT_DELIVERED") && row.teamId() == team) {
        byInject.put(row.onceKey(), row);
      }
    }
    return byInject;
  }

  private static Row outcome(List<Row> log, long team) {
    return log.stream()
        .filter(r -> "decision:first-move".equals(r.onceKey()) && r.teamId() == team)
        .findFirst()
        .orElseThrow(() -> new AssertionError("team " + team + " has no outcome of first-move"));
  }

  private static Optional<Long> teamOf(List<Row> log, long seq) {
    return log.stream().filter(r -> r.seq() == seq).findFirst().map(Row::teamId);
  }

  private void awaitLog(String what, Predicate<List<Row>> done, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<Row> rows = Row.all(drillId);
    while (!done.test(rows)) {
      if (Instant.now().isAfter(deadline)) {
        fail("Waited " + timeout.toSeconds() + " s for " + what + "; the log holds:\n" + rows);
      }
      Thread.sleep(100);
      rows = Row.all(drillId);
    }
  }

  private long seqOf(String type, Long team) throws SQLException {
    return Row.all(drillId).stream()
        .filter(r -> r.type().equals(type) && (team == null || team.equals(r.teamId())))
        .mapToLong(Row::seq)
        .max()
        .orElseThrow(() -> new AssertionError("no " + type + " event in the log"));
  }

  /** The database backends of the nodes' LISTEN connections, at least this many. */
  private static List<Integer> listenerPids(int atLeast) throws SQLException {
    try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
        PreparedStatement query =
            db.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = ?"
                    + " ORDER BY pid")) {
      query.setString(1, DATABASE);
      query.setString(2, EventListener.APPLICATION_NAME);
      List<Integer> pids = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getInt(1));
        }
      }
      assertThat(pids)
          .as("backends listening for drill events")
          .hasSizeGreaterThanOrEqualTo(atLeast);
      return pids;
    }
  }

  private static void terminate(List<Integer> pids) throws SQLException {
    try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
        PreparedStatement kill = db.prepareStatement("SELECT pg_terminate_backend(?)")) {
      for (int pid : pids) {
        kill.setInt(1, pid);
        kill.execute();
      }
    }
  }

  private String joinToken(long team) throws Exception {
    facilitator.get(nodeA, "/drills/" + drillId + "/links");
    HttpResponse<String> created =
        facilitator.post(
            nodeA,
            "/drills/" + drillId + "/links",
            "team",
            String.valueOf(team),
            "validity",
            "PT2H");
    assertThat(created.statusCode()).as("creating a join link").isEqualTo(303);
    String page = facilitator.get(nodeA, "/drills/" + drillId + "/links").body();
    String section = page.substring(page.indexOf("aria-labelledby=\"team-" + team + "\""));
    Matcher link =
        Pattern.compile("/join/([A-Za-z0-9_-]+)")
            .matcher(section.substring(0, section.indexOf("</section>")));
    assertThat(link.find()).as("a join link for team %d on the links page", team).isTrue();
    return link.group(1);
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

  private static long teamId(JsonNode state, String name) {
    return stream(state.get("teams"))
        .filter(t -> t.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no team " + name + " in " + state))
        .get("id")
        .asLong();
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

  private Node node(String name) throws IOException {
    Node node = new Node(name, freePort(), freePort(), scenarios());
    nodes.add(node);
    return node;
  }

  private static Path scenarios() {
    try {
      return Path.of(DrillClusterIT.class.getResource("/drill/cluster").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long idAfter(String location, String prefix) {
    return Long.parseLong(location.substring(location.indexOf(prefix) + prefix.length()));
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

  /** One row of drill_event, read straight from the database. */
  record Row(long seq, String type, Long teamId, String onceKey, long drillMs, JsonNode data) {

    static List<Row> all(long drillId) throws SQLException {
      try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
          PreparedStatement query =
              db.prepareStatement(
                  "SELECT seq, type, team_id, once_key, drill_ms, data FROM drill_event"
                      + " WHERE drill_id = ? ORDER BY seq")) {
        query.setLong(1, drillId);
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            long team = rs.getLong("team_id");
            rows.add(
                new Row(
                    rs.getLong("seq"),
                    rs.getString("type"),
                    rs.wasNull() ? null : team,
                    rs.getString("once_key"),
                    rs.getLong("drill_ms"),
                    JSON.readTree(rs.getString("data"))));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return rows;
      }
    }

    @Override
    public String toString() {
      return seq + " " + type + " team=" + teamId + " " + onceKey + " @" + drillMs + " " + data;
    }
  }

  /** The packaged app as one node: its own ports and log, the shared database. */
  static final class Node {
    final String name;
    final int port;
    final int managementPort;
    final Path scenarios;
    Path log;
    Process process;

    Node(String name, int port, int managementPort, Path scenarios) {
      this.name = name;
      this.port = port;
      this.managementPort = managementPort;
      this.scenarios = scenarios;
    }

    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    void start() throws IOException {
      log = Files.createTempFile("breachdrill-cluster-" + name + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL);
      env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
      env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
      env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
      env.put("BREACHDRILL_ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("BREACHDRILL_ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("BREACHDRILL_SCENARIOS_DIR", scenarios.toString());
      process = builder.start();
    }

    void awaitReady() throws Exception {
      Instant deadline = Instant.now().plus(STARTUP);
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        try {
          HttpResponse<String> ready =
              HTTP.send(
                  HttpRequest.newBuilder(management("/q/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (ready.statusCode() == 200) {
            return;
          }
        } catch (IOException notYetListening) {
          // The port opens once Flyway has migrated and the catalog has loaded.
        }
        Thread.sleep(200);
      }
      throw new AssertionError("Node " + name + " did not become ready:\n" + tail(80));
    }

    private URI management(String path) {
      return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** The dispatcher's ticks and claimed drills on this node, from its Prometheus metrics. */
    Map<String, Double> metrics() throws Exception {
      String text =
          HTTP.send(
                  HttpRequest.newBuilder(management("/q/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Map<String, Double> values = new HashMap<>();
      values.put("ticks", metric(text, "breachdrill_drill_dispatch_seconds_count"));
      values.put("claims", metric(text, "breachdrill_drill_dispatch_claims_total"));
      return values;
    }

    private static double metric(String text, String name) {
      Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
      if (!m.find()) {
        throw new AssertionError("no metric " + name + " in:\n" + text);
      }
      return Double.parseDouble(m.group(1));
    }

    void kill() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    String tail(int lines) {
      if (log == null) {
        return "(node " + name + " never started)";
      }
      try {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e.getMessage() + ")";
      }
    }
  }

  /** One person's browser: cookies for every node (one site behind a load balancer), forms. */
  final class Browser {
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    void signIn(Node node, String email, String password) throws Exception {
      get(node, "/login");
      HttpResponse<String> signedIn =
          post(node, "/login", "next", "/", "email", email, "password", password);
      assertThat(signedIn.statusCode()).as("signing in %s", email).isEqualTo(303);
    }

    HttpResponse<String> get(Node node, String path) throws Exception {
      HttpResponse<String> response =
          send(request(node, path).GET(), HttpResponse.BodyHandlers.ofString());
      Matcher token =
          Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(response.body());
      if (token.find()) {
        csrfToken = token.group(1);
      }
      return response;
    }

    JsonNode json(Node node, String path) throws Exception {
      HttpResponse<String> response =
          send(
              request(node, path).header("Accept", "application/json").GET(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    /** Posts a form as the page last loaded would, with its CSRF token. */
    HttpResponse<String> post(Node node, String path, String... namesAndValues) throws Exception {
      StringBuilder form = new StringBuilder("csrf-token=").append(encode(csrfToken));
      for (int i = 0; i < namesAndValues.length; i += 2) {
        form.append('&')
            .append(encode(namesAndValues[i]))
            .append('=')
            .append(encode(namesAndValues[i + 1]));
      }
      return send(
          request(node, path)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())),
          HttpResponse.BodyHandlers.ofString());
    }

    EventStream stream(Node node, String path, long after) throws Exception {
      return stream(node, path, after, null);
    }

    /** Opens a page's event stream, after a seq or (as a reconnecting browser) a Last-Event-ID. */
    EventStream stream(Node node, String path, Long after, Long lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(node.url(path + (after == null ? "" : "?after=" + after))))
              .header("Accept", "text/event-stream")
              .header("Cookie", cookieHeader());
      if (lastEventId != null) {
        request.header("Last-Event-ID", String.valueOf(lastEventId));
      }
      EventStream stream = new EventStream(node.name + path);
      stream.open(request.GET().build());
      streams.add(stream);
      return stream;
    }

    private HttpRequest.Builder request(Node node, String path) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(15));
      if (!cookies.isEmpty()) {
        request.header("Cookie", cookieHeader());
      }
      return request;
    }

    private <T> HttpResponse<T> send(
        HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws Exception {
      HttpResponse<T> response = HTTP.send(request.build(), handler);
      for (String header : response.headers().allValues("set-cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    }

    private String cookieHeader() {
      return cookies.entrySet().stream()
          .map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; "));
    }
  }

  /** One server-sent event as the browser's EventSource would see it. */
  record SseEvent(long id, String name, String data) {}

  /** A page's event stream read line by line in the background. */
  static final class EventStream implements AutoCloseable {
    private final String name;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private volatile Stream<String> lines;
    private volatile String ended;

    EventStream(String name) {
      this.name = name;
    }

    void open(HttpRequest request) {
      HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
          .thenAccept(
              response -> {
                if (response.statusCode() != 200) {
                  ended = "status " + response.statusCode();
                  response.body().close();
                  return;
                }
                lines = response.body();
                Thread reader = new Thread(() -> read(response.body()), "sse-" + name);
                reader.setDaemon(true);
                reader.start();
              })
          .exceptionally(
              failure -> {
                ended = failure.toString();
                return null;
              });
    }

    private void read(Stream<String> body) {
      Long id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      try {
        for (String line : (Iterable<String>) body::iterator) {
          if (line.isEmpty()) {
            if (id != null || data.length() > 0) {
              events.add(new SseEvent(id == null ? -1 : id, event, data.toString()));
            }
            id = null;
            event = null;
            data.setLength(0);
          } else if (line.startsWith("id:")) {
            id = Long.parseLong(line.substring(3).strip());
          } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            if (data.length() > 0) {
              data.append('\n');
            }
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          }
        }
        ended = "the server ended the stream";
      } catch (RuntimeException e) {
        ended = e.toString();
      }
    }

    SseEvent await(String what, Predicate<SseEvent> matches, Duration timeout)
        throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (SseEvent event : events) {
          if (matches.test(event)) {
            return event;
          }
        }
        Thread.sleep(50);
      }
      throw new AssertionError(
          "Stream "
              + name
              + " did not show "
              + what
              + " within "
              + timeout.toSeconds()
              + " s"
              + (ended == null ? "" : " (stream ended: " + ended + ")")
              + "; it got ids "
              + ids());
    }

    List<Long> ids() {
      return events.stream().map(SseEvent::id).toList();
    }

    @Override
    public void close() {
      Stream<String> body = lines;
      if (body != null) {
        body.close();
      }
    }
  }

  /** Prints the tail of every node's log when a test or the set-up fails. */
  static final class NodeLogsOnFailure
      implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private final List<Node> nodes;

    NodeLogsOnFailure(List<Node> nodes) {
      this.nodes = nodes;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      print(context);
      throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      print(context);
      throw failure;
    }

    private void print(ExtensionContext context) {
      for (Node node : nodes) {
        System.err.printf(
            "%n==== %s failed; last lines of node %s (%s) ====%n%s%n",
            context.getDisplayName(), node.name, node.log, node.tail(60));
      }
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
  }
}
