package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.breachdrill.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A brand-new installation, on a database of its own with no users at all. */
@QuarkusTest
@TestProfile(SetupTest.NewInstallation.class)
class SetupTest {

  public static class NewInstallation implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      TestDatabase.ensureExists("breachdrill_setup_test");
      return Map.of(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/breachdrill_setup_test");
    }
  }

  static Response setUp(String email, String password, String confirm) {
    return TestAccounts.withCsrf(RestAssured.given())
        .formParam("email", email)
        .formParam("displayName", "Olga Owner")
        .formParam("password", password)
        .formParam("confirm", confirm)
        .post("/setup");
  }

  @Test
  void theSetupPageCreatesTheFirstAdminOnceAndThenCloses() {
    RestAssured.given()
        .get("/setup")
        .then()
        .statusCode(200)
        .body(containsString("This installation has no users yet."));

    setUp("olga@example.com", "olga's long password", "olga's other password")
        .then()
        .statusCode(400)
        .body(containsString("The two passwords differ."));
    setUp("olga@example.com", "short", "short")
        .then()
        .statusCode(400)
        .body(containsString("Choose a password of at least 12 characters."));
    setUp("not an email", "olga's long password", "olga's long password")
        .then()
        .statusCode(400)
        .body(containsString("Enter an email address such as name@example.com."));
    assertThat(QuarkusTransaction.requiringNew().call(() -> User.count())).isZero();

    Response done = setUp("Olga@Example.com", "olga's long password", "olga's long password");
    done.then().statusCode(303).header("Location", endsWith("/admin/users"));
    TestAccounts.session(done.getCookie(TestAccounts.SESSION_COOKIE))
        .get("/admin/users")
        .then()
        .statusCode(200)
        .body(containsString("olga@example.com"));

    RestAssured.given()
        .get("/setup")
        .then()
        .statusCode(404)
        .body(containsString("Breachdrill is already set up."));
    setUp("mallory@example.com", "mallory's long password", "mallory's long password")
        .then()
        .statusCode(404);
    assertThat(QuarkusTransaction.requiringNew().call(() -> User.count())).isEqualTo(1);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> AuditEntry.count("action", AuditAction.SETUP_COMPLETED)))
        .isEqualTo(1);
  }
}
