package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluators rate and observe, the facilitator adjusts with a reason: each is an event of the log
 * and an entry of the audit log, shown on the evaluation page and the console's timeline.
 */
@io.quarkus.test.junit.QuarkusTest
class EvaluationTest {

  Account facilitator;
  Account evaluator;
  TestDrills.Fixture drill;
  Console console;

  @BeforeEach
  void runningDrill() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    evaluator = TestAccounts.staff(Role.EVALUATOR);
    drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    console = new Console(facilitator, drill.drillId());
  }

  Response post(Account who, String action, Object... fields) {
    RequestSpecification form = who.form();
    for (int i = 0; i < fields.length; i += 2) {
      form.formParam(fields[i].toString(), fields[i + 1]);
    }
    return form.post("/drills/" + drill.drillId() + "/evaluation/" + action);
  }

  String page(Account who) {
    return Pages.text(
        who.given()
            .get("/drills/" + drill.drillId() + "/evaluation")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void anEvaluatorRatesAndObservesOnceTheDrillRuns() {
    Pages.refused(
            post(evaluator, "ratings", "team", drill.team(0), "phase", "contain", "rating", "M"),
            409,
            "Conflict")
        .contains("The drill is draft: you cannot rate a team now.");
    console.command("start");

    post(
            evaluator,
            "ratings",
            "team",
            drill.team(0),
            "phase",
            "contain",
            "rating",
            "M",
            "note",
            "Slow to pull the sessions")
        .then()
        .statusCode(303)
        .header(
            "Location",
            endsWith("/drills/" + drill.drillId() + "/evaluation#team-" + drill.team(0)));
    post(
            evaluator,
            "observations",
            "team",
            drill.team(1),
            "about",
            "",
            "text",
            "Red argued well about evidence")
        .then()
        .statusCode(303);

    String text = page(evaluator);
    assertThat(text)
        .contains("contain M · Performed with major challenges Slow to pull the sessions")
        .contains("Red argued well about evidence");
    assertThat(text).as("only the facilitator adjusts").doesNotContain("Adjust Blue");
    assertThat(page(facilitator)).contains("Adjust Blue");
    assertThat(Pages.text(console.page()))
        .contains("Phase rated")
        .contains("contain: M (\"Slow to pull the sessions\")")
        .contains("Observation");
    assertThat(audit(drill.drillId())).containsSubsequence("RATING_SET", "OBSERVATION_ADDED");

    Pages.refused(
            post(evaluator, "ratings", "team", drill.team(0), "phase", "contain", "rating", "Z"),
            409,
            "Conflict")
        .contains("Choose a rating: P, S, M or U.");
  }

  @Test
  void theFacilitatorAdjustsAStepWithAReasonAndNobodyElseCan() {
    console.command("start");
    Pages.refused(
            post(
                facilitator,
                "adjustments",
                "team",
                drill.team(0),
                "step",
                "revoke-researcher-access",
                "credit",
                "5",
                "reason",
                ""),
            409,
            "Conflict")
        .contains("Give the reason for the adjustment");
    post(
            evaluator,
            "adjustments",
            "team",
            drill.team(0),
            "step",
            "revoke-researcher-access",
            "credit",
            "5",
            "reason",
            "x")
        .then()
        .statusCode(403);
    Account other = TestAccounts.staff(Role.FACILITATOR);
    post(
            other,
            "adjustments",
            "team",
            drill.team(0),
            "step",
            "revoke-researcher-access",
            "credit",
            "5",
            "reason",
            "x")
        .then()
        .statusCode(403);
    other.given().get("/drills/" + drill.drillId() + "/evaluation").then().statusCode(403);

    post(
            facilitator,
            "adjustments",
            "team",
            drill.team(0),
            "step",
            "revoke-researcher-access",
            "credit",
            "-2.5",
            "reason",
            "The suspension missed the API tokens")
        .then()
        .statusCode(303);

    assertThat(page(facilitator))
        .contains("revoke-researcher-access: -2.5 points. The suspension missed the API tokens");
    assertThat(console.events())
        .filteredOn(e -> e.type().equals("SCORE_ADJUSTED"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.teamId()).isEqualTo(drill.team(0));
              assertThat(e.dataText("stepId")).isEqualTo("revoke-researcher-access");
              assertThat(e.dataText("credit")).isEqualTo("-2.5");
              assertThat(e.dataText("text")).isEqualTo("The suspension missed the API tokens");
            });
    assertThat(audit(drill.drillId())).contains("SCORE_ADJUSTED");
  }

  @Test
  void evaluatorsFindStartedDrillsAndParticipantsSeeNoneOfIt() {
    TestDrills.Member ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    TestAccounts.session(ana.session())
        .redirects()
        .follow(false)
        .get("/drills/" + drill.drillId() + "/evaluation")
        .then()
        .statusCode(403);
    String before =
        evaluator.given().get("/evaluations").then().statusCode(200).extract().asString();
    assertThat(before).doesNotContain("/drills/" + drill.drillId() + "/evaluation\"");
    console.command("start");
    String after =
        evaluator.given().get("/evaluations").then().statusCode(200).extract().asString();
    assertThat(after).contains("/drills/" + drill.drillId() + "/evaluation\"");
  }

  @Test
  void participantsAnswerTheHotwashOnceAfterTheFinishAndEvaluatorsReadIt() {
    TestDrills.Member ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    TestDrills.Member ben = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ben");
    console.command("start");
    String running = page(ana);
    assertThat(running).doesNotContain("What went well?");
    Pages.refused(hotwash(ana, "answer-went-well", "early"), 409, "Conflict")
        .contains("The hotwash opens when the drill has finished.");
    console.command("finish");

    assertThat(page(ana)).contains("What went well?").contains("contain");
    hotwash(ana, "answer-went-well", "Calling Mina out of band", "confidence-contain", "4")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + drill.team(0) + "#hotwash"));
    hotwash(ben, "answer-improve", "Legal joined too late", "anonymous", "yes")
        .then()
        .statusCode(303);
    Pages.refused(hotwash(ana, "answer-went-well", "twice"), 409, "Conflict")
        .contains("You have already answered the hotwash. Thank you.");
    assertThat(page(ana)).contains("Thank you: your answers will go into the after-action report.");
    Pages.refused(hotwash(ana, "confidence-contain", "9"), 409, "Conflict");

    String text = page(evaluator);
    assertThat(text)
        .contains("Ana What went well? Calling Mina out of band Confidence: contain 4/5")
        .contains("Anonymous What should improve before a real incident? Legal joined too late")
        .doesNotContain("Ben What should");
  }

  private Response hotwash(TestDrills.Member member, String... fields) {
    RequestSpecification form = TestAccounts.withCsrf(TestAccounts.session(member.session()));
    for (int i = 0; i < fields.length; i += 2) {
      form.formParam(fields[i], fields[i + 1]);
    }
    return form.redirects().follow(false).post("/teams/" + drill.team(0) + "/hotwash");
  }

  private static String page(TestDrills.Member member) {
    return Pages.text(
        TestAccounts.session(member.session())
            .get("/teams/" + member.teamId())
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private static List<String> audit(long drillId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                io.breachdrill.account.AuditEntry.<io.breachdrill.account.AuditEntry>list(
                        "subject like ?1 order by id", "drill " + drillId + " (%")
                    .stream()
                    .map(e -> e.action.name())
                    .toList());
  }
}
