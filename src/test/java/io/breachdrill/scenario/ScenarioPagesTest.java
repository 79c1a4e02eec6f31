package io.breachdrill.scenario;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScenarioPagesTest {

  Account reader;

  @BeforeEach
  void signIn() {
    reader = TestAccounts.staff(Role.MANAGER);
  }

  @Test
  void libraryListsEveryScenarioWithItsFacts() {
    reader
        .given()
        .when()
        .get("/scenarios")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(
            allOf(
                containsString("<h1>Scenario library</h1>"),
                containsString("href=\"/scenarios/weights-walkout\""),
                containsString("href=\"/scenarios/bucket-siphon\""),
                containsString("href=\"/scenarios/contractor-keys\""),
                containsString("href=\"/scenarios/tainted-checkpoint\""),
                containsString("href=\"/scenarios/insider-model-code\""),
                containsString("href=\"/scenarios/mfa-fatigue-tracking\""),
                containsString("<dt>Decisions</dt>"),
                containsString("Controls covered"),
                containsString("Multifactor login everywhere"),
                not(containsString("Files with errors"))));
  }

  @Test
  void scenarioPageShowsTheMasterEventsListAndPlaybook() {
    reader
        .given()
        .when()
        .get("/scenarios/bucket-siphon")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("Master scenario events list"),
                containsString("T+0m"),
                containsString("What the team sees"),
                containsString("<dt>From</dt><dd>CloudTrail / SIEM rule CT-S3-VOL-012</dd>"),
                containsString("<dt>From</dt><dd>t.brandt (#data-eng-oncall)</dd>"),
                containsString("No answer in time"),
                containsString("https://attack.mitre.org/techniques/T1530/"),
                containsString("<h2 id=\"playbook\">Playbook</h2>"),
                containsString("(Recover: RC.RP)")));
  }

  @Test
  void unknownScenarioIsAReadable404Page() {
    reader
        .given()
        .when()
        .get("/scenarios/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(
            allOf(
                containsString("There is no scenario &#39;no-such-thing&#39; in the library."),
                containsString("Back to the start page"),
                not(containsString("Exception"))));
  }

  @Test
  void unknownAddressIsAReadable404Page() {
    reader
        .given()
        .when()
        .get("/nowhere")
        .then()
        .statusCode(404)
        .body(containsString("There is nothing at this address."));
  }
}
