package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;

import io.breachdrill.TestClock;
import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditEntry;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.TestDrills.DryRun;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.ScenarioCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A facilitator plays weights-walkout alone from its page: a drill flagged as a dry run, one team,
 * 60x, the facilitator deciding on the team page in their own session; after the finish, the score
 * is theirs to read and nothing of it reaches what managers and evaluators read.
 */
@QuarkusTest
class DryRunTest {

  static final String SCENARIO = "weights-walkout";

  @Inject Drills drills;
  @Inject ScenarioCatalog catalog;
  @Inject EntityManager entities;

  @Test
  void aFacilitatorPlaysTheScenarioAloneAtSixtyTimesAndDecides() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    String scenarioPage =
        facilitator
            .given()
            .get("/scenarios/" + SCENARIO)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(scenarioPage)
        .contains("action=\"/scenarios/" + SCENARIO + "/dry-run\"", ">Dry run</button>");

    facilitator
        .form()
        .post("/scenarios/" + SCENARIO + "/dry-run")
        .then()
        .statusCode(303)
        .header("Location", matchesPattern(".*/teams/\\d+$"));
    DryRun dry = TestDrills.dryRun(facilitator, SCENARIO);

    Drill drill = QuarkusTransaction.requiringNew().call(() -> Drill.findById(dry.drillId()));
    assertThat(drill.dryRun).isTrue();
    assertThat(drill.facilitatorId).isEqualTo(facilitator.id());
    long currentVersion =
        QuarkusTransaction.requiringNew().call(() -> catalog.currentVersion(SCENARIO).id);
    assertThat(drill.scenarioVersionId).isEqualTo(currentVersion);
    DrillState state = state(dry);
    assertThat(state.teamList()).hasSize(1);
    assertThat(only(state).teamId()).isEqualTo(dry.teamId());
    assertThat(only(state).members()).hasSize(1);
    assertThat(state.status()).isEqualTo(DrillStatus.RUNNING);
    assertThat(state.speed()).isEqualTo(Speed.FASTEST);
    assertThat(Speed.FASTEST.factor()).isEqualByComparingTo("60");

    String team =
        facilitator
            .given()
            .get("/teams/" + dry.teamId())
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(team)
        .contains("Dry run", "Finish the dry run", "Run again", "href=\"/scenarios/" + SCENARIO);

    // 8 minutes of drill time are 8 seconds of the app's time at 60x
    TestDrills.awaitDelivered(fixture(dry), "bastion-login");
    assertThat(only(state(dry)).received("dr-sync-heads-up")).isFalse();
    TestClock.advance(Duration.ofSeconds(8));
    TestDrills.awaitDelivered(fixture(dry), "dr-sync-heads-up");
    List<DrillEvent> log = events(dry);
    Instant started = first(log, EventType.STARTED).at();
    DrillEvent heads =
        log.stream()
            .filter(e -> e.type() == EventType.INJECT_DELIVERED)
            .filter(e -> "dr-sync-heads-up".equals(e.data().injectId()))
            .findFirst()
            .orElseThrow();
    assertThat(Duration.between(started, heads.at())).isLessThan(Duration.ofMinutes(1));

    facilitator
        .form()
        .formParam("option", "suspend-now")
        .formParam("rationale", "trying the fast path")
        .post("/teams/" + dry.teamId() + "/decisions/first-move")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + dry.teamId() + "#outcomes"));
    assertThat(only(state(dry)).outcomes()).containsKey("first-move");
    assertThat(facilitator.given().get("/teams/" + dry.teamId()).asString())
        .contains("trying the fast path");

    List<AuditEntry> audit =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEntry.<AuditEntry>list(
                        "action = ?1 and subject like ?2",
                        AuditAction.DRY_RUN_STARTED,
                        "drill " + dry.drillId() + " %"));
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).actor).isEqualTo(facilitator.email());
  }

  @Test
  void aFinishedDryRunShowsItsScoreToItsFacilitatorAndStaysOutOfEverythingManagersRead() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Account manager = TestAccounts.staff(Role.MANAGER);
    Account evaluator = TestAccounts.staff(Role.EVALUATOR);
    Fixture real =
        TestDrills.titled(facilitator.id(), SCENARIO, "Real drill " + UUID.randomUUID(), "Solo");
    facilitator.form().post("/drills/" + real.drillId() + "/start").then().statusCode(303);
    facilitator.form().post("/drills/" + real.drillId() + "/finish").then().statusCode(303);

    DryRun dry = TestDrills.dryRun(facilitator, SCENARIO);
    TestDrills.awaitDelivered(fixture(dry), "bastion-login");
    facilitator
        .form()
        .formParam("option", "suspend-now")
        .post("/teams/" + dry.teamId() + "/decisions/first-move")
        .then()
        .statusCode(303);
    facilitator
        .form()
        .post("/drills/" + dry.drillId() + "/dry-run/finish")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + dry.teamId() + "#hotwash"));
    assertThat(state(dry).status()).isEqualTo(DrillStatus.FINISHED);

    String score =
        facilitator
            .given()
            .get("/teams/" + dry.teamId() + "/scorecard")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(score).contains("Your team's scorecard: Dry run: ");
    facilitator.given().get("/drills/" + dry.drillId() + "/scorecard").then().statusCode(200);
    facilitator.given().get("/drills/" + dry.drillId() + "/report").then().statusCode(200);

    assertThat(storedRows("stored_score", real.drillId())).isEqualTo(1);
    assertThat(storedRows("stored_score", dry.drillId())).isZero();
    assertThat(storedRows("stored_drill_technique", dry.drillId())).isZero();
    assertThat(storedRows("improvement_item", dry.drillId())).isZero();

    String csv =
        manager.given().get("/dashboard/drills.csv").then().statusCode(200).extract().asString();
    assertThat(csv).contains(real.drillId() + ",Real drill ").doesNotContain("Dry run");
    assertThat(csv.lines()).noneMatch(line -> line.startsWith(dry.drillId() + ","));
    for (String table : List.of("controls", "steps")) {
      assertThat(manager.given().queryParam("team", "Dry run").get("/dashboard/" + table + ".csv"))
          .extracting(r -> r.asString().lines().count())
          .as(table + ".csv has only its header for the dry run's team")
          .isEqualTo(1L);
    }
    String dashboard =
        manager.given().get("/dashboard").then().statusCode(200).extract().asString();
    assertThat(dashboard).doesNotContain("Dry run");
    assertThat(manager.given().get("/improvements").asString()).doesNotContain("Dry run");

    manager.given().get("/drills/" + dry.drillId() + "/scorecard").then().statusCode(403);
    manager.given().get("/drills/" + dry.drillId() + "/report").then().statusCode(403);
    evaluator.given().get("/drills/" + dry.drillId() + "/evaluation").then().statusCode(403);
    assertThat(evaluator.given().get("/evaluations").asString())
        .contains("/drills/" + real.drillId() + "/evaluation")
        .doesNotContain("/drills/" + dry.drillId() + "/evaluation");

    String list = facilitator.given().get("/drills").then().statusCode(200).extract().asString();
    assertThat(list).contains("Your dry runs", "href=\"/teams/" + dry.teamId() + "\"");
    assertThat(list.substring(0, list.indexOf("Your dry runs")))
        .doesNotContain("/drills/" + dry.drillId() + "\"");
  }

  @Test
  void onlyFacilitatorsAndAdminsStartADryRun() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture real = TestDrills.drill(facilitator.id(), SCENARIO, "Alpha");
    TestDrills.Member participant = TestDrills.member(real, real.team(0), facilitator.id(), "Ana");
    String path = "/scenarios/" + SCENARIO + "/dry-run";
    for (Role role : List.of(Role.MANAGER, Role.EVALUATOR)) {
      Account someone = TestAccounts.staff(role);
      someone.form().post(path).then().statusCode(403);
      assertThat(drillsRunBy(someone.id())).as(role + " made no drill").isZero();
    }
    TestAccounts.withCsrf(TestAccounts.session(participant.session()))
        .post(path)
        .then()
        .statusCode(403);
    TestAccounts.withCsrf(RestAssured.given())
        .post(path)
        .then()
        .statusCode(303)
        .header("Location", endsWith("/login"));
    // and on the scenario page, those who cannot use it do not get the button
    assertThat(TestAccounts.staff(Role.MANAGER).given().get("/scenarios/" + SCENARIO).asString())
        .doesNotContain("/dry-run");

    Account admin = TestAccounts.staff(Role.ADMIN);
    DryRun adminRun = TestDrills.dryRun(admin, SCENARIO);
    admin.given().get("/teams/" + adminRun.teamId()).then().statusCode(200);
  }

  @Test
  void theSeatInADryRunOpensNoOtherTeam() {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Account other = TestAccounts.staff(Role.FACILITATOR);
    DryRun dry = TestDrills.dryRun(facilitator, SCENARIO);
    Fixture real = TestDrills.drill(facilitator.id(), SCENARIO, "Alpha");

    // a real drill's team stays the participants' own, even to the facilitator who runs it
    facilitator
        .given()
        .redirects()
        .follow(false)
        .get("/teams/" + real.team(0))
        .then()
        .statusCode(403);
    facilitator
        .form()
        .formParam("option", "watch")
        .post("/teams/" + real.team(0) + "/decisions/first-move")
        .then()
        .statusCode(403);
    facilitator.form().post("/drills/" + real.drillId() + "/dry-run/finish").then().statusCode(409);

    // another facilitator's dry run is theirs alone
    other.given().redirects().follow(false).get("/teams/" + dry.teamId()).then().statusCode(403);
    other.form().post("/drills/" + dry.drillId() + "/dry-run/finish").then().statusCode(403);

    // the link behind the facilitator's seat was withdrawn as it was made
    String token =
        QuarkusTransaction.requiringNew()
            .call(() -> JoinLink.<JoinLink>find("teamId", dry.teamId()).firstResult().token);
    RestAssured.given().get("/join/" + token).then().statusCode(410);
  }

  private DrillState state(DryRun dry) {
    return QuarkusTransaction.requiringNew().call(() -> drills.snapshot(dry.drillId()).state());
  }

  private static TeamState only(DrillState state) {
    assertThat(state.teamList()).hasSize(1);
    return state.teamList().iterator().next();
  }

  private List<DrillEvent> events(DryRun dry) {
    return QuarkusTransaction.requiringNew().call(() -> drills.snapshot(dry.drillId()).events());
  }

  private static DrillEvent first(List<DrillEvent> log, EventType type) {
    return log.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }

  private static Fixture fixture(DryRun dry) {
    return new Fixture(dry.drillId(), List.of(dry.teamId()));
  }

  private long storedRows(String table, long drillId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entities
                            .createNativeQuery(
                                "SELECT COUNT(*) FROM " + table + " WHERE drill_id = ?1")
                            .setParameter(1, drillId)
                            .getSingleResult())
                    .longValue());
  }

  private static long drillsRunBy(long userId) {
    return QuarkusTransaction.requiringNew().call(() -> Drill.count("facilitatorId", userId));
  }
}
