package io.breachdrill.scenario;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.breachdrill.account.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScenarioApiTest {

  Account reader;

  @BeforeEach
  void signIn() {
    reader = TestAccounts.staff(Role.MANAGER);
  }

  @Test
  void listsTheLibrary() {
    reader
        .given()
        .when()
        .get("/api/scenarios")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("$", hasSize(6))
        .body(
            "id",
            containsInAnyOrder(
                "weights-walkout",
                "bucket-siphon",
                "contractor-keys",
                "tainted-checkpoint",
                "insider-model-code",
                "mfa-fatigue-tracking"))
        .body("find { it.id == 'bucket-siphon' }.injects", greaterThanOrEqualTo(12))
        .body("find { it.id == 'bucket-siphon' }.controls", hasItem("backup-recovery"))
        .body("find { it.id == 'bucket-siphon' }.duration", matchesPattern("\\d+h(\\d+m)?"));
  }

  @Test
  void servesOneScenarioWholeWithItsVersion() {
    reader
        .given()
        .when()
        .get("/api/scenarios/contractor-keys")
        .then()
        .statusCode(200)
        .body("version", matchesPattern("[0-9a-f]{64}"))
        .body("scenario.id", equalTo("contractor-keys"))
        .body("scenario.injects[0].at", equalTo("0m"))
        .body("scenario.injects[0].sender", equalTo("IdP session log / SIEM rule IDP-UEBA-031"))
        .body("scenario.injects.channel", hasItem("siem-alert"))
        .body("scenario.playbook.phase", hasItem("communicate"))
        .body("scenario", not(hasKey("lateFloor")));
  }

  @Test
  void unknownScenarioIsAProblemBody() {
    reader
        .given()
        .when()
        .get("/api/scenarios/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("detail", equalTo("There is no scenario 'nope' in the library."))
        .body("instance", equalTo("/api/scenarios/nope"));
  }
}
