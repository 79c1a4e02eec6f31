package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single sign-on, end to end, against a local OpenID Connect provider. */
@QuarkusTest
@TestProfile(SingleSignOnFlowTest.WithProvider.class)
class SingleSignOnFlowTest {

  public static class WithProvider implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(FakeIdentityProvider.class));
    }
  }

  /** Follows the code flow as a browser would; returns the app's last answer. */
  static Response signInThroughProvider(CookieFilter browser, String email, boolean verified) {
    Response toProvider =
        RestAssured.given().filter(browser).redirects().follow(false).get("/login/sso");
    assertThat(toProvider.statusCode()).isEqualTo(302);
    String authorize = toProvider.getHeader("Location");
    assertThat(authorize)
        .contains("/realm/authorize", "response_type=code", "client_id=breachdrill");

    Response backToApp =
        RestAssured.given()
            .redirects()
            .follow(false)
            .urlEncodingEnabled(false)
            .get(authorize + "&email=" + email + "&verified=" + verified);
    String callback = backToApp.getHeader("Location");
    Response answer =
        RestAssured.given()
            .filter(browser)
            .redirects()
            .follow(false)
            .urlEncodingEnabled(false)
            .get(callback);
    while (answer.statusCode() == 302 && answer.getHeader("Location").contains("/login/sso")) {
      answer =
          RestAssured.given()
              .filter(browser)
              .redirects()
              .follow(false)
              .urlEncodingEnabled(false)
              .get(answer.getHeader("Location"));
    }
    return answer;
  }

  @Test
  void aVerifiedCompanyAccountGetsABreachdrillSessionWithItsOwnRoles() {
    TestAccounts.Account eve = TestAccounts.staff(Role.EVALUATOR);
    CookieFilter browser = new CookieFilter();

    Response signedIn = signInThroughProvider(browser, eve.email(), true);

    signedIn.then().statusCode(303);
    String session = signedIn.getCookie(TestAccounts.SESSION_COOKIE);
    assertThat(session).isNotBlank();
    TestAccounts.session(session)
        .get("/account")
        .then()
        .statusCode(200)
        .body(containsString("Evaluator"));
    TestAccounts.session(session).get("/admin/users").then().statusCode(403);
    RestAssured.given()
        .get("/login")
        .then()
        .body(containsString("Sign in with your company account"));
  }

  @Test
  void aCompanyAccountWithoutABreachdrillAccountIsRefused() {
    Response refused = signInThroughProvider(new CookieFilter(), "stranger@example.com", true);
    refused
        .then()
        .statusCode(403)
        .body(
            containsString(
                "Your company account stranger@example.com has no active Breachdrill account."));
    assertThat(refused.getCookie(TestAccounts.SESSION_COOKIE)).isNull();
  }

  @Test
  void anUnverifiedEmailIsNotTrusted() {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    signInThroughProvider(new CookieFilter(), max.email(), false).then().statusCode(403);
  }
}
