package io.breachdrill.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.breachdrill.account.Role;
import io.breachdrill.account.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HardeningTest {

  static void hasSecurityHeaders(ValidatableResponse response) {
    response
        .header(
            "Content-Security-Policy",
            allOf(
                containsString("default-src 'self'"),
                containsString("script-src 'self'"),
                containsString("frame-ancestors 'none'"),
                not(containsString("unsafe-inline")),
                not(containsString("unsafe-eval"))))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("Referrer-Policy", equalTo("no-referrer"))
        .header("X-Frame-Options", equalTo("DENY"));
  }

  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    hasSecurityHeaders(max.given().get("/scenarios").then().statusCode(200));
    hasSecurityHeaders(max.given().get("/api/scenarios").then().statusCode(200));
    hasSecurityHeaders(RestAssured.given().get("/login").then().statusCode(200));
    hasSecurityHeaders(RestAssured.given().get("/css/app.css").then().statusCode(200));
    hasSecurityHeaders(max.given().get("/no/such/page").then().statusCode(404));
    hasSecurityHeaders(max.given().get("/admin/users").then().statusCode(403));
  }

  @Test
  void aRefusalIsAReadablePageOrProblem() {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    max.given()
        .get("/admin/users")
        .then()
        .statusCode(403)
        .contentType(containsString("text/html"))
        .body(
            allOf(
                containsString("<h1>403 · Forbidden</h1>"),
                containsString("Your account or team does not give you access to this."),
                not(containsString("Exception"))));
    RestAssured.given()
        .get("/api/scenarios")
        .then()
        .statusCode(401)
        .contentType(containsString("application/problem+json"))
        .body("detail", equalTo("Sign in to use the API."));
  }

  @Test
  void aFormWithoutItsCsrfTokenChangesNothing() {
    TestAccounts.Account admin = TestAccounts.staff(Role.ADMIN);
    TestAccounts.Account target = TestAccounts.staff(Role.MANAGER);
    admin
        .given()
        .formParam("ignored", "x")
        .post("/admin/users/" + target.id() + "/disable")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("sent without a valid security token"));
    admin
        .given()
        .cookie(TestAccounts.CSRF_COOKIE, TestAccounts.CSRF_TOKEN)
        .formParam(TestAccounts.CSRF_FIELD, "QUJDREVGR0hJSktMTU5PUA")
        .post("/admin/users/" + target.id() + "/disable")
        .then()
        .statusCode(400);
    target.given().get("/scenarios").then().statusCode(200);
  }

  @Test
  void aTooLargeRequestGetsAClear413() {
    String huge = "x".repeat(3 * 1024 * 1024);
    hasSecurityHeaders(
        RestAssured.given()
            .formParam("email", huge)
            .post("/login")
            .then()
            .statusCode(413)
            .body(containsString("this server accepts at most 2 MB")));
    RestAssured.given()
        .contentType("application/json")
        .body("[\"" + huge + "\"]")
        .post("/api/scenarios")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413));
  }
}
