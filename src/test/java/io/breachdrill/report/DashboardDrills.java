package io.breachdrill.report;

import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.breachdrill.drill.TestDrills;
import io.breachdrill.drill.TestDrills.Fixture;
import io.breachdrill.drill.TestDrills.Member;
import java.util.List;
import java.util.UUID;

/**
 * Finished weights-walkout drills played through the app's forms: the facilitator starts the drill,
 * each team answers the first decision (or not) once its first inject arrived, and the facilitator
 * finishes it.
 */
final class DashboardDrills {

  private DashboardDrills() {}

  /**
   * Plays one drill with one team per option; a null option leaves that team silent. Returns the
   * drill.
   */
  static Fixture finished(Account facilitator, List<String> teams, List<String> options) {
    return finished(facilitator, "weights-walkout", teams, options);
  }

  /** Any scenario, as long as every option given answers weights-walkout's first decision. */
  static Fixture finished(
      Account facilitator, String scenario, List<String> teams, List<String> options) {
    return finished(facilitator, scenario, "Test drill " + UUID.randomUUID(), teams, options);
  }

  /** The same, with the drill's title. */
  static Fixture finished(
      Account facilitator,
      String scenario,
      String title,
      List<String> teams,
      List<String> options) {
    Fixture drill =
        TestDrills.titled(facilitator.id(), scenario, title, teams.toArray(String[]::new));
    Member[] members = new Member[teams.size()];
    for (int i = 0; i < teams.size(); i++) {
      members[i] =
          TestDrills.member(drill, drill.team(i), facilitator.id(), "Player " + teams.get(i));
    }
    facilitator.form().post("/drills/" + drill.drillId() + "/start").then().statusCode(303);
    for (int i = 0; i < teams.size(); i++) {
      if (options.get(i) != null) {
        TestDrills.awaitDelivered(drill, "bastion-login");
        TestAccounts.withCsrf(TestAccounts.session(members[i].session()))
            .formParam("option", options.get(i))
            .formParam("rationale", "as planned")
            .post("/teams/" + drill.team(i) + "/decisions/first-move")
            .then()
            .statusCode(303);
      }
    }
    facilitator.form().post("/drills/" + drill.drillId() + "/finish").then().statusCode(303);
    return drill;
  }
}
