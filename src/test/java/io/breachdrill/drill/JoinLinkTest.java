package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditEntry;
import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JoinLinkTest {

  Account facilitator;
  TestDrills.Fixture drill;
  TestDrills.Fixture otherDrill;
  Account otherFacilitator;

  @BeforeEach
  void drills() {
    facilitator = TestAccounts.staff(Role.FACILITATOR);
    otherFacilitator = TestAccounts.staff(Role.FACILITATOR);
    drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    otherDrill = TestDrills.drill(otherFacilitator.id(), "bucket-siphon", "Green");
  }

  String newLink(long teamId, String validity) {
    facilitator
        .form()
        .formParam("team", teamId)
        .formParam("validity", validity)
        .formParam("note", "for the " + validity + " shift")
        .post("/drills/" + drill.drillId() + "/links")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/drills/" + drill.drillId() + "/links#team-" + teamId));
    String page = facilitator.given().get("/drills/" + drill.drillId() + "/links").asString();
    Matcher link = Pattern.compile("/join/([A-Za-z0-9_-]+)<").matcher(page);
    assertThat(link.find()).isTrue();
    return link.group(1);
  }

  Response join(String token, String name, String role) {
    return TestAccounts.withCsrf(RestAssured.given())
        .formParam("name", name)
        .formParam("role", role)
        .post("/join/" + token);
  }

  @Test
  void aFacilitatorMakesAnUnguessableLinkPerTeamOfTheirDrill() {
    facilitator
        .given()
        .get("/drills")
        .then()
        .statusCode(200)
        .body(containsString("/drills/" + drill.drillId() + "/links"))
        .body(not(containsString("/drills/" + otherDrill.drillId() + "/links")));
    String token = newLink(drill.team(0), "P1D");

    assertThat(token).as("256 random bits, URL-safe").matches("[A-Za-z0-9_-]{43}");
    facilitator
        .given()
        .get("/drills/" + drill.drillId() + "/links")
        .then()
        .body(
            allOf(
                containsString("Blue"),
                containsString("Red"),
                containsString("<td>active</td>"),
                containsString("<td>for the P1D shift</td>")));
    AuditEntry created = last(AuditAction.JOIN_LINK_CREATED);
    assertThat(created.actor).isEqualTo(facilitator.email());
    assertThat(created.subject).contains("team Blue");
    assertThat(created.detail).contains("valid for PT24H");
  }

  @Test
  void anotherFacilitatorCannotSeeOrChangeTheDrill() {
    long linkId = TestDrills.link(drill.team(0), facilitator.id(), null).id;
    otherFacilitator.given().get("/drills/" + drill.drillId() + "/links").then().statusCode(403);
    otherFacilitator
        .form()
        .formParam("team", drill.team(0))
        .formParam("validity", "P1D")
        .post("/drills/" + drill.drillId() + "/links")
        .then()
        .statusCode(403);
    otherFacilitator
        .form()
        .post("/drills/" + drill.drillId() + "/links/" + linkId + "/revoke")
        .then()
        .statusCode(403);
  }

  @Test
  void aTeamOrLinkOfAnotherDrillIsRefused() {
    long foreignLink = TestDrills.link(otherDrill.team(0), otherFacilitator.id(), null).id;
    facilitator
        .form()
        .formParam("team", otherDrill.team(0))
        .formParam("validity", "P1D")
        .post("/drills/" + drill.drillId() + "/links")
        .then()
        .statusCode(404)
        .body(containsString("There is no team " + otherDrill.team(0) + " in this drill."));
    facilitator
        .form()
        .post("/drills/" + drill.drillId() + "/links/" + foreignLink + "/revoke")
        .then()
        .statusCode(404);
    facilitator
        .form()
        .formParam("team", drill.team(0))
        .formParam("validity", "forever")
        .post("/drills/" + drill.drillId() + "/links")
        .then()
        .statusCode(400)
        .body(containsString("Choose how long the link stays valid."));
  }

  @Test
  void followingALinkJoinsThatTeamAndNothingElse() {
    String token = newLink(drill.team(0), "PT2H");
    RestAssured.given()
        .get("/join/" + token)
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("Join Blue"),
                containsString("<option value=\"incident-commander\""),
                containsString("name=\"csrf-token\"")));

    Response joined = join(token, "  Rosa Responder ", "incident-commander");
    joined.then().statusCode(303).header("Location", endsWith("/teams/" + drill.team(0)));
    String session = joined.getCookie(TestAccounts.SESSION_COOKIE);
    assertThat(joined.getHeaders().getValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("breachdrill-session=").contains("HttpOnly"));

    TestAccounts.session(session)
        .get("/teams/" + drill.team(0))
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("Rosa Responder (incident-commander) · you"),
                containsString("Blue")));
    for (String elsewhere :
        List.of(
            "/teams/" + drill.team(1),
            "/teams/" + otherDrill.team(0),
            "/scenarios",
            "/scenarios/weights-walkout",
            "/api/scenarios",
            "/drills",
            "/drills/" + drill.drillId() + "/links",
            "/admin/users",
            "/account")) {
      TestAccounts.session(session).get(elsewhere).then().statusCode(403);
    }
    TestAccounts.session(session)
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/teams/" + drill.team(0)));
    facilitator
        .given()
        .get("/drills/" + drill.drillId() + "/links")
        .then()
        .body(containsString("Rosa Responder (incident-commander)"));
    assertThat(last(AuditAction.PARTICIPANT_JOINED).subject).contains("team Blue");
  }

  @Test
  void joiningNeedsANameAndARoleOfTheScenario() {
    String token = newLink(drill.team(1), "P1D");
    join(token, "   ", "soc-analyst")
        .then()
        .statusCode(400)
        .body(containsString("Enter the name your team knows you by (1 to 60 characters)."));
    join(token, "x".repeat(61), "soc-analyst").then().statusCode(400);
    join(token, "Sam", "janitor")
        .then()
        .statusCode(400)
        .body(
            allOf(
                containsString("Choose your role in the team from the list."),
                containsString("value=\"Sam\"")));
  }

  @Test
  void revokedExpiredAndUnknownLinksExplainThemselves() {
    String revoked = newLink(drill.team(0), "never");
    long revokedId =
        QuarkusTransaction.requiringNew().call(() -> JoinLink.byToken(revoked).orElseThrow().id);
    facilitator
        .form()
        .post("/drills/" + drill.drillId() + "/links/" + revokedId + "/revoke")
        .then()
        .statusCode(303);
    String expired = TestDrills.link(drill.team(0), facilitator.id(), Duration.ofMinutes(-1)).token;

    RestAssured.given()
        .get("/join/" + revoked)
        .then()
        .statusCode(410)
        .body(containsString("This join link was withdrawn by the facilitator."));
    join(revoked, "Late Comer", "soc-analyst").then().statusCode(410);
    RestAssured.given()
        .get("/join/" + expired)
        .then()
        .statusCode(410)
        .body(containsString("This join link has expired."));
    RestAssured.given()
        .get("/join/" + revoked.substring(1) + "x")
        .then()
        .statusCode(404)
        .body(containsString("This join link does not exist."));
    assertThat(last(AuditAction.JOIN_LINK_REVOKED).actor).isEqualTo(facilitator.email());
    facilitator
        .given()
        .get("/drills/" + drill.drillId() + "/links")
        .then()
        .body(allOf(containsString("<td>revoked</td>"), containsString("<td>expired</td>")));
  }

  static AuditEntry last(AuditAction action) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEntry.<AuditEntry>find("action = ?1 order by id desc", action).firstResult());
  }
}
