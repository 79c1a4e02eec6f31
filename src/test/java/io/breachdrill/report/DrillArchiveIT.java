package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breachdrill.TestDatabase;
import io.breachdrill.drill.AppNode;
import io.breachdrill.drill.Browser;
import io.breachdrill.drill.Eventually;
import io.breachdrill.drill.FacilitatorClient;
import io.breachdrill.drill.NodeLogsOnFailure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill run on one packaged installation, exported as a file and imported on another one with its
 * own database, its own accounts and no copy of the scenario: the copy scores the same for every
 * team, to the digit, from the same log and the same scenario version. A second import is a second
 * drill; a file with one event changed is refused, naming the event, and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillArchiveIT {

  static final String DATABASE_A = "breachdrill_archive_a_it";
  static final String DATABASE_B = "breachdrill_archive_b_it";
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String SCENARIOS = "/report/archive";
  static final String SCENARIO = "archive-drill";
  static final int SPEED = 60;
  static final String RED = "Red team";
  static final String BLUE = "Blue team";

  /** How long a 60x drill minute may take to show on a machine shared with other builds. */
  static final Duration WAIT = Duration.ofSeconds(20);

  static final ObjectMapper JSON = new ObjectMapper();

  final List<AppNode> nodes = new CopyOnWriteArrayList<>();

  @RegisterExtension final NodeLogsOnFailure diagnostics = new NodeLogsOnFailure(nodes);

  @TempDir Path emptyLibrary;

  @AfterAll
  void killNodes() {
    nodes.forEach(AppNode::kill);
  }

  @Test
  void aDrillExportedFromOneInstallationScoresTheSameImportedOnAnother() throws Exception {
    TestDatabase.recreate(DATABASE_A);
    TestDatabase.recreate(DATABASE_B);
    AppNode a = node("archive-a", DATABASE_A, AppNode.scenarios(SCENARIOS));
    // Installation B has an empty library: whatever it knows of the scenario, the file brought.
    AppNode b = node("archive-b", DATABASE_B, emptyLibrary);
    a.start();
    b.start();
    a.awaitReady();

    // Installation A: two teams answer both decisions differently, then the drill is assessed.
    FacilitatorClient alice =
        FacilitatorClient.create(
            a, "alice.archive@example.com", "installation A's facilitator secret", "Alice A");
    long drill = alice.createDrill(a, SCENARIO, "Archive drill", List.of(RED, BLUE), SPEED);
    Map<String, Long> teams = alice.teams(a, drill);
    Browser red = alice.seat(a, drill, teams.get(RED), "Riley", "soc-analyst");
    Browser blue = alice.seat(a, drill, teams.get(BLUE), "Sam", "incident-commander");
    alice.command(a, drill, "start");

    awaitOpen(alice, a, drill, "first-move");
    decide(red, a, teams.get(RED), "first-move", "revoke");
    decide(blue, a, teams.get(BLUE), "first-move", "watch");
    awaitOpen(alice, a, drill, "triage");
    decide(red, a, teams.get(RED), "triage", "investigate");
    decide(blue, a, teams.get(BLUE), "triage", "close");
    await(
        "each team's branch after its first move",
        alice,
        a,
        drill,
        s -> delivered(s, RED).contains("revoked") && delivered(s, BLUE).contains("watched"));

    alice.browser.get(a, "/drills/" + drill);
    assertThat(
            alice
                .browser
                .post(
                    a,
                    "/drills/" + drill + "/notes",
                    "text",
                    "Red revoked the token within a minute",
                    "team",
                    String.valueOf(teams.get(RED)))
                .statusCode())
        .as("adding a note")
        .isEqualTo(303);
    alice.command(a, drill, "finish");
    alice.browser.get(a, "/drills/" + drill + "/evaluation");
    assertThat(
            alice
                .browser
                .post(
                    a,
                    "/drills/" + drill + "/evaluation/ratings",
                    "team",
                    String.valueOf(teams.get(RED)),
                    "phase",
                    "detect",
                    "rating",
                    "S",
                    "note",
                    "Pulled the registry logs at once")
                .statusCode())
        .as("rating the red team")
        .isEqualTo(303);
    assertThat(
            alice
                .browser
                .post(
                    a,
                    "/drills/" + drill + "/evaluation/adjustments",
                    "team",
                    String.valueOf(teams.get(BLUE)),
                    "step",
                    "revoke-token",
                    "credit",
                    "2.5",
                    "reason",
                    "Blue asked the CI owner to rotate, outside the tool")
                .statusCode())
        .as("adjusting the blue team's credit")
        .isEqualTo(303);

    JsonNode stateOnA = alice.state(a, drill);
    JsonNode eventsOnA = alice.events(a, drill);
    JsonNode scorecardOnA = alice.browser.json(a, "/api/drills/" + drill + "/scorecard");
    assertThat(stateOnA.get("status").asText()).isEqualTo("finished");
    assertThat(byTeamName(scorecardOnA).get(RED).get("earned"))
        .as("the two teams' scores differ, or the comparison below proves little")
        .isNotEqualTo(byTeamName(scorecardOnA).get(BLUE).get("earned"));
    assertThat(byTeamName(scorecardOnA).get(BLUE).get("adjustments")).hasSize(1);
    assertThat(byTeamName(scorecardOnA).get(RED).get("ratings").toString()).contains("\"S\"");

    HttpResponse<String> export = alice.browser.get(a, "/drills/" + drill + "/export.json");
    assertThat(export.statusCode()).as("exporting: %s", export.body()).isEqualTo(200);
    assertThat(export.headers().firstValue("content-disposition").orElseThrow())
        .startsWith("attachment; filename=\"drill-" + drill + "-");
    String file = export.body();
    JsonNode archive = JSON.readTree(file);
    String hash = archive.at("/scenario/contentHash").asText();
    assertThat(hash)
        .as("the file's scenario version is the file the library read")
        .isEqualTo(
            ArchiveCheck.sha256(
                Files.readAllBytes(AppNode.scenarios(SCENARIOS).resolve(SCENARIO + ".yaml"))));
    a.kill();

    // Installation B: its own database, its own facilitator, nothing of A's.
    b.awaitReady();
    assertThat(count(DATABASE_B, "SELECT count(*) FROM drill")).isZero();
    FacilitatorClient bea =
        FacilitatorClient.create(
            b, "bea.archive@example.com", "installation B's facilitator secret", "Bea B");
    long copy = importDrill(bea, b, file);

    JsonNode stateOnB = bea.state(b, copy);
    assertThat(stateOnB.get("scenarioHash").asText())
        .isEqualTo(stateOnA.get("scenarioHash").asText())
        .isEqualTo(hash);
    assertThat(strings(DATABASE_B, "SELECT content_hash FROM scenario_version"))
        .as("the scenario version B stored from the file")
        .containsExactly(hash);
    assertThat(stateOnB.get("status").asText()).isEqualTo("finished");
    assertThat(stateOnB.get("title").asText()).isEqualTo("Archive drill");
    assertThat(bea.events(b, copy)).hasSameSizeAs(eventsOnA);
    assertThat(summary(bea.events(b, copy))).isEqualTo(summary(eventsOnA));
    assertSameScorecard(bea.browser.json(b, "/api/drills/" + copy + "/scorecard"), scorecardOnA);

    // The same file again is a second drill of B's, sharing only the scenario version.
    long second = importDrill(bea, b, file);
    assertThat(second).isNotEqualTo(copy);
    assertThat(teamIds(bea.state(b, second)))
        .doesNotContainAnyElementsOf(teamIds(bea.state(b, copy)));
    assertSameScorecard(bea.browser.json(b, "/api/drills/" + second + "/scorecard"), scorecardOnA);
    assertThat(count(DATABASE_B, "SELECT count(*) FROM drill")).isEqualTo(2);
    assertThat(count(DATABASE_B, "SELECT count(*) FROM scenario_version")).isEqualTo(1);
    bea.browser.get(b, "/drills/" + second);
    assertThat(
            bea.browser
                .post(b, "/drills/" + second + "/notes", "text", "Reviewed on B", "team", "")
                .statusCode())
        .isEqualTo(303);
    assertThat(bea.events(b, second)).hasSize(eventsOnA.size() + 1);
    assertThat(bea.events(b, copy)).as("the first copy, untouched").hasSameSizeAs(eventsOnA);

    // One event's data changed: B refuses the file, naming that event, and stores nothing.
    ObjectNode tampered = (ObjectNode) JSON.readTree(file);
    int index = indexOf(tampered, "INJECT_DELIVERED", "alert");
    JsonNode event = tampered.get("events").get(index);
    ObjectNode data = (ObjectNode) event.get("data");
    data.put("dueMs", data.get("dueMs").asLong() + 60_000);
    String before = tables(DATABASE_B);
    HttpResponse<String> refused =
        bea.browser.postJson(b, "/api/drills/import", JSON.writeValueAsString(tampered));
    assertThat(refused.statusCode())
        .as("importing a tampered file: %s", refused.body())
        .isEqualTo(400);
    assertThat(refused.headers().firstValue("content-type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText())
        .contains(
            "events["
                + index
                + "] (seq "
                + event.get("seq").asLong()
                + ", INJECT_DELIVERED) is not what the drill's rules record")
        .contains("data.dueMs");
    assertThat(tables(DATABASE_B)).as("B's rows after the refusal").isEqualTo(before);
    assertThat(count(DATABASE_B, "SELECT count(*) FROM drill")).isEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private AppNode node(String name, String database, Path scenarios) {
    AppNode node = new AppNode(name, SERVER + database, scenarios);
    nodes.add(node);
    return node;
  }

  /** Posts the file to B's JSON API; returns the new drill's id, after checking the answer. */
  private static long importDrill(FacilitatorClient facilitator, AppNode node, String file)
      throws Exception {
    HttpResponse<String> created = facilitator.browser.postJson(node, "/api/drills/import", file);
    assertThat(created.statusCode()).as("importing: %s", created.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    long id = body.get("id").asLong();
    assertThat(created.headers().firstValue("location").orElseThrow())
        .endsWith("/api/drills/" + id);
    assertThat(body.get("console").asText()).isEqualTo("/drills/" + id);
    return id;
  }

  private static void decide(
      Browser participant, AppNode node, long team, String decision, String option)
      throws Exception {
    participant.get(node, "/teams/" + team);
    HttpResponse<String> answered =
        FacilitatorClient.decide(participant, node, team, decision, option);
    assertThat(answered.statusCode())
        .as("team %d answering %s: %s", team, decision, answered.body())
        .isEqualTo(303);
  }

  private static void awaitOpen(
      FacilitatorClient facilitator, AppNode node, long drill, String decision) {
    await(
        decision + " open to both teams",
        facilitator,
        node,
        drill,
        s -> open(s, RED).contains(decision) && open(s, BLUE).contains(decision));
  }

  private static JsonNode await(
      String what,
      FacilitatorClient facilitator,
      AppNode node,
      long drill,
      Predicate<JsonNode> done) {
    return Eventually.until(
        what,
        () -> {
          try {
            return facilitator.state(node, drill);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        done,
        WAIT);
  }

  private static JsonNode team(JsonNode state, String name) {
    for (JsonNode team : state.get("teams")) {
      if (team.get("name").asText().equals(name)) {
        return team;
      }
    }
    throw new AssertionError("no team " + name + " in " + state);
  }

  private static List<String> open(JsonNode state, String name) {
    List<String> open = new ArrayList<>();
    team(state, name).get("openDecisions").forEach(d -> open.add(d.asText()));
    return open;
  }

  private static List<String> delivered(JsonNode state, String name) {
    List<String> delivered = new ArrayList<>();
    team(state, name).get("delivered").forEach(d -> delivered.add(d.path("injectId").asText()));
    return delivered;
  }

  private static List<Long> teamIds(JsonNode state) {
    List<Long> ids = new ArrayList<>();
    state.get("teams").forEach(t -> ids.add(t.get("id").asLong()));
    return ids;
  }

  /** Every team's whole score by team name, A's ids for teams and participants left out. */
  private static void assertSameScorecard(JsonNode copy, JsonNode original) {
    Map<String, JsonNode> expected = byTeamName(original);
    Map<String, JsonNode> actual = byTeamName(copy);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      JsonNode want = expected.get(name);
      JsonNode have = actual.get(name);
      for (String field :
          List.of("earned", "percentage", "adjustedEarned", "adjustedPercentage", "adjustments")) {
        assertThat(have.get(field)).as("%s's %s", name, field).isEqualTo(want.get(field));
      }
      assertThat(stepStatuses(have)).as("%s's steps", name).isEqualTo(stepStatuses(want));
      assertThat(have).as("%s's whole scorecard", name).isEqualTo(want);
    }
    assertThat(copy.get("maximum")).isEqualTo(original.get("maximum"));
    assertThat(copy.get("scenarioId")).isEqualTo(original.get("scenarioId"));
  }

  private static Map<String, JsonNode> byTeamName(JsonNode scorecard) {
    Map<String, JsonNode> teams = new TreeMap<>();
    for (JsonNode team : scorecard.get("teams")) {
      teams.put(team.get("name").asText(), withoutIds(team));
    }
    return teams;
  }

  private static JsonNode withoutIds(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("teamId", "participantId"));
    }
    node.forEach(DrillArchiveIT::strip);
  }

  private static Map<String, String> stepStatuses(JsonNode team) {
    Map<String, String> statuses = new TreeMap<>();
    team.get("steps")
        .forEach(s -> statuses.put(s.get("stepId").asText(), s.get("status").asText()));
    return statuses;
  }

  /** The log as both installations must show it: seq, type, time, drill time, actor, data. */
  private static List<String> summary(JsonNode events) {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : events) {
      lines.add(
          e.get("seq")
              + " "
              + e.get("type").asText()
              + " "
              + e.get("at").asText()
              + " "
              + e.get("drillMs")
              + " "
              + e.path("actor").asText()
              + " "
              + withoutIds(e.get("data")));
    }
    return lines;
  }

  private static int indexOf(JsonNode archive, String type, String injectId) {
    int i = 0;
    for (Iterator<JsonNode> it = archive.get("events").elements(); it.hasNext(); i++) {
      JsonNode e = it.next();
      if (e.get("type").asText().equals(type)
          && injectId.equals(e.get("data").path("injectId").asText())) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " of " + injectId + " in the export");
  }

  /** Row counts of the tables an import writes to. */
  private static String tables(String database) throws SQLException {
    List<String> counts = new ArrayList<>();
    for (String table :
        List.of(
            "drill",
            "team",
            "participant",
            "join_link",
            "drill_event",
            "improvement_item",
            "scenario_version",
            "stored_score")) {
      counts.add(table + "=" + count(database, "SELECT count(*) FROM " + table));
    }
    return String.join(", ", counts);
  }

  private static long count(String database, String sql) throws SQLException {
    return Long.parseLong(strings(database, sql).get(0));
  }

  private static List<String> strings(String database, String sql) throws SQLException {
    try (Connection db = DriverManager.getConnection(SERVER + database, "postgres", "");
        Statement query = db.createStatement();
        ResultSet rs = query.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
