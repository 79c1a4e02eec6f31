package io.breachdrill.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DenyByDefaultTest {

  @Test
  void aRouteWithoutARuleIsRefusedToEveryone() {
    RestAssured.given()
        .redirects()
        .follow(false)
        .get("/test-only/unannotated")
        .then()
        .statusCode(303)
        .body(not(containsString("reached")));
    TestAccounts.staff(Role.ADMIN, Role.FACILITATOR, Role.EVALUATOR, Role.MANAGER)
        .given()
        .get("/test-only/unannotated")
        .then()
        .statusCode(403)
        .body(not(containsString("reached")));
  }
}
