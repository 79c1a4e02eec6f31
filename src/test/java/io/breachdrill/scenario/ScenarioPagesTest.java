package io.breachdrill.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScenarioPagesTest {

  @Test
  void homePageListsEveryScenarioWithItsFacts() {
    given()
        .when()
        .get("/")
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
                containsString("<dt>Decisions</dt>"),
                containsString("Controls covered"),
                containsString("Multifactor login everywhere"),
                not(containsString("Files with errors"))));
  }

  @Test
  void scenarioPageShowsTheMasterEventsListAndPlaybook() {
    given()
        .when()
        .get("/scenarios/bucket-siphon")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("Master scenario events list"),
                containsString("T+0m"),
                containsString("What the team sees"),
                containsString("No answer in time"),
                containsString("https://attack.mitre.org/techniques/T1530/"),
                containsString("<h2 id=\"playbook\">Playbook</h2>"),
                containsString("(Recover: RC.RP)")));
  }

  @Test
  void unknownScenarioIsAReadable404Page() {
    given()
        .when()
        .get("/scenarios/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(
            allOf(
                containsString("There is no scenario &#39;no-such-thing&#39; in the library."),
                containsString("Back to the scenario library"),
                not(containsString("Exception"))));
  }

  @Test
  void unknownAddressIsAReadable404Page() {
    given()
        .when()
        .get("/nowhere")
        .then()
        .statusCode(404)
        .body(containsString("There is nothing at this address."));
  }
}
