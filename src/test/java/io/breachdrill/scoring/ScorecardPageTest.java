package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The scorecard of a running weights-walkout drill after Blue calls the researcher back (which
 * performs the 5-point triage step on time): 5.000 of 170 points is 2.9 %, Red has nothing yet.
 */
@QuarkusTest
class ScorecardPageTest {

  @Inject Drills drills;

  @Test
  void facilitatorEvaluatorAndManagerSeeTheScoresParticipantsDoNot() throws InterruptedException {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    Member ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    TestDrills.member(drill, drill.team(1), facilitator.id(), "Raj");
    facilitator.form().post("/drills/" + drill.drillId() + "/start").then().statusCode(303);
    TestDrills.awaitDelivered(drill, "bastion-login");

    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("option", "call-researcher")
        .formParam("rationale", "verify out of band first")
        .post("/teams/" + drill.team(0) + "/decisions/first-move")
        .then()
        .statusCode(303);

    String page =
        facilitator
            .given()
            .get("/drills/" + drill.drillId() + "/scorecard")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page)
        .contains("Blue: 2.9 %", "Red: 0.0 %", "5.000 of 170")
        .contains("Triage the bastion login and verify it with the researcher")
        .contains("On time", "first-move → call-researcher")
        .contains("<svg role=\"img\"", "<title id=\"chart-")
        .contains("Injects and decisions over drill time")
        .contains("<title>Blue, 0:00:00: SIEM: first password login")
        .contains(": first-move: call-researcher by Ana</title>");
    assertThat(page).doesNotContain("style=");

    BigDecimal json =
        new BigDecimal(
            facilitator
                .given()
                .accept(ContentType.JSON)
                .get("/api/drills/" + drill.drillId() + "/scorecard")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("teams[0].percentage"));
    Scorecard scored =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Drills.Snapshot s = drills.snapshot(drill.drillId());
                  return Scorer.score(s.scenario(), s.events());
                });
    assertThat(json).isEqualByComparingTo(scored.teams().get(0).percentage());
    assertThat(scored.teams().get(0).percentage()).isEqualTo(new BigDecimal("2.9"));

    for (Role reader : new Role[] {Role.EVALUATOR, Role.MANAGER}) {
      TestAccounts.staff(reader)
          .given()
          .get("/drills/" + drill.drillId() + "/scorecard")
          .then()
          .statusCode(200)
          .body(containsString("Blue: 2.9 %"));
    }
    TestAccounts.session(ana.session())
        .redirects()
        .follow(false)
        .get("/drills/" + drill.drillId() + "/scorecard")
        .then()
        .statusCode(403);
    TestAccounts.staff(Role.FACILITATOR)
        .given()
        .get("/drills/" + drill.drillId() + "/scorecard")
        .then()
        .statusCode(403);
  }

  @Test
  void theScorecardFollowsTheDrillLive() throws Exception {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue");
    Member ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    facilitator.form().post("/drills/" + drill.drillId() + "/start").then().statusCode(303);
    TestDrills.awaitDelivered(drill, "bastion-login");
    Account evaluator = TestAccounts.staff(Role.EVALUATOR);
    String page =
        evaluator
            .given()
            .get("/drills/" + drill.drillId() + "/scorecard")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page)
        .contains("Blue: 0.0 %")
        .contains("data-stream=\"/drills/" + drill.drillId() + "/scorecard/stream?after=");
    long seq = Long.parseLong(page.replaceAll("(?s).*scorecard/stream\\?after=(\\d+).*", "$1"));

    HttpResponse<java.util.stream.Stream<String>> stream =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            RestAssured.baseURI
                                + ":"
                                + RestAssured.port
                                + "/drills/"
                                + drill.drillId()
                                + "/scorecard/stream?after="
                                + seq))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", TestAccounts.SESSION_COOKIE + "=" + evaluator.session())
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("option", "call-researcher")
        .formParam("rationale", "verify out of band first")
        .post("/teams/" + drill.team(0) + "/decisions/first-move")
        .then()
        .statusCode(303);

    java.util.concurrent.CompletableFuture<String> update =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                stream
                    .body()
                    .filter(line -> line.startsWith("data:") && line.contains("Blue: 2.9 %"))
                    .findFirst()
                    .orElse(""));
    String line = update.get(10, java.util.concurrent.TimeUnit.SECONDS);
    stream.body().close();
    assertThat(line).contains("Blue: 2.9 %");
  }
}
