package io.breachdrill.drill;

import io.breachdrill.account.TestAccounts;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A participant's browser, signed in to one team seat. */
record Player(String name, long teamId, String session) {

  static Player of(TestDrills.Member member, String name) {
    return new Player(name, member.teamId(), member.session());
  }

  String teamPath() {
    return "/teams/" + teamId;
  }

  RequestSpecification given() {
    return TestAccounts.session(session).redirects().follow(false);
  }

  /** The team page as the participant loads it. */
  String page() {
    return given().get(teamPath()).then().statusCode(200).extract().asString();
  }

  /** The decision form posted from the page of the given team (normally their own). */
  Response decide(long team, String decision, String option, String rationale) {
    return TestAccounts.withCsrf(TestAccounts.session(session))
        .formParam("option", option)
        .formParam("rationale", rationale)
        .post("/teams/" + team + "/decisions/" + decision);
  }

  Response decide(String decision, String option, String rationale) {
    return decide(teamId, decision, option, rationale);
  }
}
