package io.breachdrill.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.EventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay of a finished drill shows each team as it stood right after the chosen event. */
@QuarkusTest
class ReplayTest {

  @Inject Drills drills;

  @Test
  void stepsThroughAFinishedDrillShowingFeedsAndScoresAsTheyWereAndTeamsSeeTheirOwnScore()
      throws InterruptedException {
    Account facilitator = TestAccounts.staff(Role.FACILITATOR);
    Fixture drill = TestDrills.drill(facilitator.id(), "weights-walkout", "Blue", "Red");
    Member ana = TestDrills.member(drill, drill.team(0), facilitator.id(), "Ana");
    String replay = "/drills/" + drill.drillId() + "/replay";
    facilitator.form().post("/drills/" + drill.drillId() + "/start").then().statusCode(303);
    facilitator.given().get(replay).then().statusCode(409);
    TestDrills.awaitDelivered(drill, "bastion-login");
    TestAccounts.withCsrf(TestAccounts.session(ana.session()))
        .formParam("option", "call-researcher")
        .post("/teams/" + drill.team(0) + "/decisions/first-move")
        .then()
        .statusCode(303);
    String ownScorecard = "/teams/" + drill.team(0) + "/scorecard";
    TestAccounts.session(ana.session()).get(ownScorecard).then().statusCode(409);
    facilitator.form().post("/drills/" + drill.drillId() + "/finish").then().statusCode(303);
    String mine =
        TestAccounts.session(ana.session())
            .get(ownScorecard)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(mine).contains("Blue: 2.9 %").doesNotContain("Red:");
    TestAccounts.session(ana.session())
        .redirects()
        .follow(false)
        .get("/teams/" + drill.team(1) + "/scorecard")
        .then()
        .statusCode(403);

    List<DrillEvent> events =
        QuarkusTransaction.requiringNew().call(() -> drills.snapshot(drill.drillId()).events());
    long delivered =
        events.stream()
            .filter(e -> e.type() == EventType.INJECT_DELIVERED && e.teamId() == drill.team(0))
            .findFirst()
            .orElseThrow()
            .seq();
    long decided =
        events.stream()
            .filter(e -> e.type() == EventType.DECISION_MADE)
            .findFirst()
            .orElseThrow()
            .seq();

    String before = page(facilitator, replay + "?at=" + (delivered - 1));
    assertThat(before).contains("Blue: 0.0 %").contains("Nothing had arrived.");
    String arrived = page(facilitator, replay + "?at=" + delivered);
    assertThat(arrived)
        .contains("Event " + delivered + " of " + events.size() + ": Inject delivered · Blue")
        .contains(
            "<strong>New: </strong><span class=\"when\">0:00:00</span> SIEM alert: SIEM: first password login")
        .contains("A researcher who is really in Singapore")
        .contains("Blue: 0.0 %");
    String after = page(facilitator, replay + "?at=" + decided);
    assertThat(after)
        .contains("Blue: 2.9 %")
        .contains("first-move → call-researcher")
        .contains("?at=" + (decided - 1) + "\" rel=\"prev\"");
    assertThat(page(facilitator, replay))
        .contains("Event 1 of " + events.size() + ": Drill created");

    facilitator.given().get(replay + "?at=0").then().statusCode(400);
    facilitator.given().get(replay + "?at=" + (events.size() + 1)).then().statusCode(400);
    TestAccounts.staff(Role.MANAGER).given().get(replay).then().statusCode(200);
    TestAccounts.staff(Role.FACILITATOR).given().get(replay).then().statusCode(403);
    TestAccounts.session(ana.session())
        .redirects()
        .follow(false)
        .get(replay)
        .then()
        .statusCode(403);
  }

  private static String page(Account who, String path) {
    return who.given().get(path).then().statusCode(200).extract().asString();
  }
}
