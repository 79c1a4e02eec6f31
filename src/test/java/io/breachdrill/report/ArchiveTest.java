package io.breachdrill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditEntry;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.Drill;
import io.breachdrill.drill.JoinLink;
import io.breachdrill.drill.Participant;
import io.breachdrill.drill.Team;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import io.breachdrill.scenario.ScenarioVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A finished two-team weights-walkout drill (a decision, a team note, a rating, an adjustment, an
 * anonymous hotwash answer and an edited improvement item) exported and imported by another
 * facilitator, as on another installation: the copy is a new drill with new ids that scores the
 * same to the digit. Files that do not fit are refused, saying where, and store nothing.
 */
@QuarkusTest
class ArchiveTest {

  @Inject ObjectMapper json;

  Account facilitator;
  Account evaluator;
  Account manager;
  Account importer;
  Fixture drill;
  String title;
  String blue;
  String red;

  @BeforeEach
  void finishedDrill() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    evaluator = TestAccounts.staff(Role.EVALUATOR);
    manager = TestAccounts.staff(Role.MANAGER);
    importer = TestAccounts.staff(Role.FACILITATOR);
    String run = Long.toString(System.nanoTime(), 36);
    title = "Archive drill " + run;
    blue = "Blue " + run;
    red = "Red " + run;
    drill = TestDrills.titled(facilitator.id(), "weights-walkout", title, blue, red);
    Member ana =
        TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana", "incident-commander");
    TestDrills.member(drill, drill.team(1), facilitator.id(), "Raj");
    facilitator.form().post(base() + "/start").then().statusCode(303);
    TestDrills.awaitDelivered(drill, "bastion-login");
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("option", "call-researcher")
        .formParam("rationale", "verify out of band, first")
        .post("/teams/" + drill.team(0) + "/decisions/first-move")
        .then()
        .statusCode(303);
    facilitator
        .form()
        .formParam("text", "Blue called Mina within minutes")
        .formParam("team", drill.team(0))
        .post(base() + "/notes")
        .then()
        .statusCode(303);
    evaluator
        .form()
        .formParam("team", drill.team(0))
        .formParam("phase", "detect")
        .formParam("rating", "S")
        .formParam("note", "Quick to verify with the researcher")
        .post(base() + "/evaluation/ratings")
        .then()
        .statusCode(303);
    facilitator
        .form()
        .formParam("team", drill.team(1))
        .formParam("step", "triage-bastion-login")
        .formParam("credit", "2.5")
        .formParam("reason", "Red triaged on the phone, outside the tool")
        .post(base() + "/evaluation/adjustments")
        .then()
        .statusCode(303);
    facilitator.form().post(base() + "/finish").then().statusCode(303);
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("answer-went-well", "Calling Mina out of band")
        .formParam("confidence-detect", "4")
        .formParam("anonymous", "yes")
        .post("/teams/" + drill.team(0) + "/hotwash")
        .then()
        .statusCode(303);
    long item =
        facilitator
            .given()
            .get(base() + "/report.json")
            .jsonPath()
            .getLong("plan.find { it.stepId == 'revoke-researcher-access' }.id");
    facilitator
        .form()
        .formParam("issue", "Bastion MFA exemption let the actor in")
        .formParam("action", "Enforce MFA on the bastion, no exemptions")
        .formParam("control", "identity-mfa")
        .formParam("owner", "Mina Okafor")
        .formParam("due", "2027-03-31")
        .formParam("status", "in-progress")
        .post(base() + "/report/items/" + item)
        .then()
        .statusCode(303);
  }

  @Test
  void anImportedDrillIsANewDrillThatScoresLikeTheOriginal() throws Exception {
    Response export = facilitator.given().get(base() + "/export.json");
    export
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header(
            "Content-Disposition",
            startsWith("attachment; filename=\"drill-" + drill.drillId() + "-archive-drill-"));
    byte[] file = export.asByteArray();
    JsonNode archive = json.readTree(file);
    assertThat(archive.get("format").asText()).isEqualTo("breachdrill-drill");
    assertThat(archive.get("version").asInt()).isEqualTo(1);
    assertThat(archive.at("/drill/status").asText()).isEqualTo("finished");
    assertThat(archive.at("/scenario/source").asText()).contains("id: weights-walkout");
    assertThat(archive.get("participants")).hasSize(2);
    assertThat(archive.get("improvementItems")).isNotEmpty();
    evaluator.given().get(base() + "/export.json").then().statusCode(200);
    manager.given().get(base() + "/export.json").then().statusCode(200);

    Response imported = upload(importer, file);
    imported.then().statusCode(303).header("Location", containsString("/drills/"));
    long copy = idFrom(imported.header("Location"));
    assertThat(copy).isNotEqualTo(drill.drillId());
    importer.given().get("/drills/" + copy).then().statusCode(200);
    importer.given().redirects().follow(false).get("/drills").then().statusCode(200);
    assertThat(importer.given().get("/drills").asString()).contains(title);

    assertThat(teams(scorecard(importer, copy)))
        .isEqualTo(teams(scorecard(facilitator, drill.drillId())));
    JsonPath card = importer.given().get("/api/drills/" + copy + "/scorecard").jsonPath();
    assertThat(card.getString("teams.find { it.name == '" + blue + "' }.earned")).isEqualTo("5.0");
    assertThat(card.getString("teams.find { it.name == '" + red + "' }.adjustedEarned"))
        .isEqualTo("2.5");
    assertThat(card.getString("teams.find { it.name == '" + blue + "' }.ratings[0].rating"))
        .isEqualTo("S");

    List<Map<String, Object>> before = events(facilitator, drill.drillId());
    List<Map<String, Object>> after = events(importer, copy);
    assertThat(after).hasSameSizeAs(before);
    assertThat(after)
        .extracting(e -> e.get("seq") + " " + e.get("type") + " " + e.get("at"))
        .isEqualTo(
            before.stream()
                .map(e -> e.get("seq") + " " + e.get("type") + " " + e.get("at"))
                .toList());
    assertThat(after)
        .anySatisfy(
            e -> {
              assertThat(e.get("type")).isEqualTo("NOTE_ADDED");
              assertThat(e.get("data").toString()).contains("Blue called Mina within minutes");
            });
    List<Long> newTeams = teamIds(copy);
    assertThat(newTeams).hasSize(2).doesNotContainAnyElementsOf(drill.teamIds());
    assertThat(
            after.stream()
                .map(e -> e.get("teamId"))
                .filter(t -> t != null)
                .map(t -> ((Number) t).longValue()))
        .allMatch(newTeams::contains);

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Drill original = Drill.findById(drill.drillId());
              Drill made = Drill.findById(copy);
              assertThat(made.facilitatorId).isEqualTo(importer.id());
              assertThat(made.status).isEqualTo("finished");
              assertThat(made.nextDueAt).isNull();
              assertThat(made.scenarioVersionId)
                  .as("the same scenario version is reused")
                  .isEqualTo(original.scenarioVersionId);
              List<Participant> people =
                  Participant.list("teamId in ?1 order by displayName", newTeams);
              assertThat(people).extracting(p -> p.displayName).containsExactly("Ana", "Raj");
              List<Long> ids = people.stream().map(p -> p.id).toList();
              assertThat(after)
                  .as("participants in the copied events are this installation's rows")
                  .filteredOn(e -> ((Map<?, ?>) e.get("data")).get("participantId") != null)
                  .isNotEmpty()
                  .allSatisfy(
                      e ->
                          assertThat(
                                  ((Number) ((Map<?, ?>) e.get("data")).get("participantId"))
                                      .longValue())
                              .isIn(ids));
              for (Participant p : people) {
                JoinLink link = JoinLink.findById(p.joinLinkId);
                assertThat(link.revokedAt).as("an imported team's link lets nobody in").isNotNull();
              }
            });

    JsonPath report = importer.given().get("/drills/" + copy + "/report.json").jsonPath();
    JsonPath originalReport = facilitator.given().get(base() + "/report.json").jsonPath();
    assertThat(report.getList("plan.stepId")).isEqualTo(originalReport.getList("plan.stepId"));
    assertThat(report.getString("plan.find { it.stepId == 'revoke-researcher-access' }.owner"))
        .isEqualTo("Mina Okafor");
    assertThat(report.getString("plan.find { it.stepId == 'revoke-researcher-access' }.due"))
        .isEqualTo("2027-03-31");
    assertThat(report.getString("plan.find { it.stepId == 'revoke-researcher-access' }.status"))
        .isEqualTo("in-progress");
    assertThat(importer.given().get("/drills/" + copy + "/report").asString())
        .contains("Calling Mina out of band", "Red triaged on the phone, outside the tool");

    List<List<String>> rows =
        CsvReader.parse(
            manager.given().queryParam("team", blue).get("/dashboard/drills.csv").asString());
    List<String> header = rows.get(0);
    Map<String, List<String>> byDrill =
        rows.subList(1, rows.size()).stream()
            .collect(Collectors.toMap(r -> r.get(header.indexOf("drill_id")), r -> r));
    assertThat(byDrill).containsKeys(String.valueOf(drill.drillId()), String.valueOf(copy));
    for (String column : List.of("earned", "maximum", "percentage", "adjusted_percentage")) {
      int at = header.indexOf(column);
      assertThat(byDrill.get(String.valueOf(copy)).get(at))
          .as(column)
          .isEqualTo(byDrill.get(String.valueOf(drill.drillId())).get(at));
    }

    assertThat(audit("drill " + drill.drillId() + " (%")).contains("DRILL_EXPORTED");
    assertThat(audit("drill " + copy + " (%")).contains("DRILL_IMPORTED");
  }

  @Test
  void aScenarioVersionUnknownHereIsStoredWithTheDrill() throws Exception {
    ObjectNode archive = exported();
    String source = archive.at("/scenario/source").asText() + "\n# archived with its drill\n";
    String hash = ArchiveCheck.sha256(source.getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) archive.get("scenario")).put("source", source).put("contentHash", hash);
    ((ObjectNode) archive.at("/events/0/data")).put("scenarioHash", hash);

    Response created =
        importer
            .given()
            .contentType("application/json")
            .body(json.writeValueAsBytes(archive))
            .post("/api/drills/import");
    created.then().statusCode(201).header("Location", containsString("/api/drills/"));
    long copy = created.jsonPath().getLong("id");
    assertThat(created.jsonPath().getString("console")).isEqualTo("/drills/" + copy);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ScenarioVersion version =
                  ScenarioVersion.findById(Drill.<Drill>findById(copy).scenarioVersionId);
              assertThat(version.contentHash).isEqualTo(hash);
              assertThat(version.source).isEqualTo(source);
            });
    assertThat(teams(scorecard(importer, copy)))
        .isEqualTo(teams(scorecard(facilitator, drill.drillId())));
  }

  @Test
  void filesThatDoNotFitAreRefusedSayingWhyAndStoreNothing() throws Exception {
    refused(
        a -> ((ObjectNode) a.get("scenario")).put("contentHash", "0".repeat(64)),
        "scenario.contentHash does not match the scenario source");
    refused(a -> a.put("version", 2), "version: unknown format version 2");
    refused(a -> a.put("format", "something-else"), "format: a drill file says");
    refused(a -> event(a, 5).put("seq", 7), "events[5] (seq 7");
    refused(a -> event(a, 5).put("seq", 7), "so this one must be 6");
    refused(
        a -> event(a, "DECISION_MADE").put("teamId", 987654321L),
        "names team 987654321, which is not in the file's teams");
    refused(
        a -> ((ObjectNode) event(a, "DECISION_MADE").get("data")).put("decisionId", "no-such-call"),
        "decision \"no-such-call\" is not in scenario weights-walkout");
    refused(
        a -> event(a, "STARTED").put("type", "RESUMED"),
        "breaks the drill's rules: The drill is draft: you cannot resume it now.");
    refused(
        a ->
            event(a, "DECISION_MADE")
                .put("drillMs", event(a, "DECISION_MADE").get("drillMs").asLong() + 1000),
        "is not what the drill's rules record at this point: drillMs is");
    String invalid =
        refused(
            a -> {
              ObjectNode scenario = (ObjectNode) a.get("scenario");
              String broken =
                  scenario.get("source").asText().replaceFirst("\nduration:", "\nduraton:");
              scenario.put("source", broken);
              String hash = ArchiveCheck.sha256(broken.getBytes(StandardCharsets.UTF_8));
              scenario.put("contentHash", hash);
              ((ObjectNode) a.at("/events/0/data")).put("scenarioHash", hash);
            },
            "scenario.source does not validate as a scenario:");
    assertThat(invalid)
        .as("each problem as PATH:LINE:COL")
        .containsPattern("\\n\\S*weights-walkout\\.yaml:12:1: error: unknown key 'duraton'");
    refused(a -> a.put("surprise", true), "unknown field \"surprise\"");
    refused(a -> ((ArrayNode) a.get("participants")).addNull(), "participants[2].id is missing");
    refused(a -> event(a, "NOTE_ADDED").remove("data"), "].data is missing");

    refusedBytes(
        "{\"format\": \"breachdrill-drill\", ".getBytes(StandardCharsets.UTF_8),
        "the file is not JSON");
    byte[] huge = new byte[DrillArchive.MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    huge[huge.length - 1] = '}';
    refusedBytes(huge, "drill files are limited to " + DrillArchive.MAX_BYTES + " bytes");

    ObjectNode tampered = exported();
    ((ObjectNode) tampered.get("scenario")).put("contentHash", "0".repeat(64));
    Counts counts = counts();
    Response page = upload(importer, json.writeValueAsBytes(tampered));
    page.then().statusCode(400).contentType("text/html");
    assertThat(page.asString())
        .contains("The file was not imported")
        .contains("scenario.contentHash does not match the scenario source")
        .contains("<label for=\"file\">");
    assertThat(counts()).isEqualTo(counts);
  }

  @Test
  void onlyFacilitatorsImportAndTheFormCarriesItsToken() {
    String form =
        importer.given().get("/drills/import").then().statusCode(200).extract().asString();
    assertThat(form)
        .contains("enctype=\"multipart/form-data\"", "name=\"csrf-token\"", "<label for=\"file\">");
    manager.given().redirects().follow(false).get("/drills/import").then().statusCode(403);
    TestAccounts.staff(Role.FACILITATOR)
        .given()
        .redirects()
        .follow(false)
        .get(base() + "/export.json")
        .then()
        .statusCode(403);
    importer
        .given()
        .redirects()
        .follow(false)
        .multiPart("file", "drill.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json")
        .post("/drills/import")
        .then()
        .statusCode(400)
        .body(containsString("security token"));
  }

  private String refused(Consumer<ObjectNode> change, String message) throws Exception {
    ObjectNode archive = exported();
    change.accept(archive);
    return refusedBytes(json.writeValueAsBytes(archive), message);
  }

  private String refusedBytes(byte[] file, String message) {
    Counts counts = counts();
    Response response =
        importer.given().contentType("application/json").body(file).post("/api/drills/import");
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", org.hamcrest.Matchers.equalTo(400));
    assertThat(response.jsonPath().getString("detail")).contains(message);
    assertThat(counts()).as("a refused file stores nothing").isEqualTo(counts);
    return response.jsonPath().getString("detail");
  }

  private ObjectNode exported() throws Exception {
    return (ObjectNode)
        json.readTree(facilitator.given().get(base() + "/export.json").asByteArray());
  }

  private static ObjectNode event(ObjectNode archive, int index) {
    return (ObjectNode) archive.get("events").get(index);
  }

  private static ObjectNode event(ObjectNode archive, String type) {
    for (Iterator<JsonNode> it = ((ArrayNode) archive.get("events")).elements(); it.hasNext(); ) {
      JsonNode event = it.next();
      if (event.get("type").asText().equals(type)) {
        return (ObjectNode) event;
      }
    }
    throw new AssertionError("no " + type + " event in the export");
  }

  private Response upload(Account who, byte[] file) {
    return who.given()
        .redirects()
        .follow(false)
        .cookie(TestAccounts.CSRF_COOKIE, TestAccounts.CSRF_TOKEN)
        .multiPart(TestAccounts.CSRF_FIELD, TestAccounts.CSRF_TOKEN)
        .multiPart("file", "drill.json", file, "application/json")
        .post("/drills/import");
  }

  private static long idFrom(String location) {
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private static JsonPath scorecard(Account who, long drillId) {
    return who.given()
        .get("/api/drills/" + drillId + "/scorecard")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Each team's whole score with the ids that differ between installations left out. */
  @SuppressWarnings("unchecked")
  private static List<Object> teams(JsonPath card) {
    List<Object> teams = new ArrayList<>(card.getList("teams"));
    teams.replaceAll(t -> withoutIds(t));
    return teams;
  }

  @SuppressWarnings("unchecked")
  private static Object withoutIds(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new java.util.TreeMap<>();
      ((Map<String, Object>) map)
          .forEach(
              (k, v) -> {
                if (!k.equals("teamId") && !k.equals("participantId")) {
                  copy.put(k, withoutIds(v));
                }
              });
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ArchiveTest::withoutIds).toList();
    }
    return value;
  }

  private static List<Map<String, Object>> events(Account who, long drillId) {
    return who.given()
        .get("/api/drills/" + drillId + "/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  private static List<Long> teamIds(long drillId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Team.<Team>list("drillId", drillId).stream().map(t -> t.id).toList());
  }

  private String base() {
    return "/drills/" + drill.drillId();
  }

  /** What an import would add to: the importer's drills and links, and every shared table. */
  record Counts(
      long drills,
      long links,
      long versions,
      long teams,
      long participants,
      long items,
      long imports) {}

  private Counts counts() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                new Counts(
                    Drill.count("facilitatorId", importer.id()),
                    JoinLink.count("createdBy", importer.id()),
                    ScenarioVersion.count(),
                    Team.count(),
                    Participant.count(),
                    ImprovementItem.count(),
                    AuditEntry.count("action", AuditAction.DRILL_IMPORTED)));
  }

  private static List<String> audit(String subject) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEntry.<AuditEntry>list("subject like ?1 order by id", subject).stream()
                    .map(e -> e.action.name())
                    .toList());
  }
}
