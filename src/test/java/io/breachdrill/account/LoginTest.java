package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.breachdrill.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

  static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  /** Each test signs in from its own documentation address, so their failures never mix. */
  final String address = "203.0.113." + ADDRESSES.getAndIncrement();

  Response signIn(String email, String password, String next) {
    return TestAccounts.withCsrf(RestAssured.given())
        .header("X-Forwarded-For", address)
        .formParam("email", email)
        .formParam("password", password)
        .formParam("next", next)
        .post("/login");
  }

  static TestAccounts.Account user(Role role) {
    return TestAccounts.staff(role);
  }

  @Test
  void theRightPasswordOpensASessionInAHardenedCookie() {
    TestAccounts.Account eve = user(Role.EVALUATOR);
    Response response =
        signIn("  " + eve.email().toUpperCase() + " ", eve.password(), "/scenarios");

    response.then().statusCode(303).header("Location", endsWith("/scenarios"));
    assertThat(response.getHeaders().getValues("Set-Cookie"))
        .filteredOn(cookie -> cookie.startsWith("breachdrill-session="))
        .singleElement()
        .satisfies(
            cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/"));
    TestAccounts.session(response.getCookie("breachdrill-session"))
        .get("/scenarios")
        .then()
        .statusCode(200)
        .body(containsString(eve.email()));
    assertThat(lastEntry(AuditAction.LOGIN_SUCCEEDED, eve.email()).address).isEqualTo(address);
  }

  @Test
  void unknownEmailWrongPasswordAndDisabledAccountGetTheSameAnswer() {
    TestAccounts.Account max = user(Role.MANAGER);
    TestAccounts.Account gone = user(Role.MANAGER);
    QuarkusTransaction.requiringNew().run(() -> User.<User>findById(gone.id()).enabled = false);
    String message = "That email and password do not match an active account.";

    for (Response answer :
        new Response[] {
          signIn("nobody-" + UUID.randomUUID() + "@example.com", "whatever it is", "/"),
          signIn(max.email(), "not the password", "/"),
          signIn(gone.email(), gone.password(), "/")
        }) {
      answer
          .then()
          .statusCode(401)
          .body(containsString(message))
          .header("Set-Cookie", not(containsString("breachdrill-session=")));
    }
  }

  @Test
  void afterThreeFailuresEachTryMustWaitEvenWithTheRightPassword() {
    TestAccounts.Account fran = user(Role.FACILITATOR);
    for (int i = 0; i < 3; i++) {
      signIn(fran.email(), "wrong guess " + i, "/").then().statusCode(401);
    }
    Response refused = signIn(fran.email(), fran.password(), "/");
    refused
        .then()
        .statusCode(429)
        .header("Retry-After", equalTo("1"))
        .body(containsString("Too many failed sign-ins. Wait 1 second before you try again."));
    assertThat(lastEntry(AuditAction.LOGIN_REFUSED, fran.email())).isNotNull();
  }

  @Test
  void tenRecentFailuresPauseSignInForTheAccountWhetherItExistsOrNot() {
    TestAccounts.Account real = user(Role.MANAGER);
    String unknown = "ghost-" + UUID.randomUUID() + "@example.com";
    for (String email : new String[] {real.email(), unknown}) {
      failures(email, "192.0.2.77", 10, Duration.ofMinutes(5));
    }

    Response forReal = signIn(real.email(), real.password(), "/");
    Response forUnknown = signIn(unknown, "anything at all", "/");

    for (Response answer : new Response[] {forReal, forUnknown}) {
      answer
          .then()
          .statusCode(429)
          .body(
              containsString(
                  "Signing in is paused for this account or address; try again in 10 minutes."));
      assertThat(Long.parseLong(answer.getHeader("Retry-After"))).isBetween(590L, 600L);
    }
  }

  @Test
  void manyFailuresFromOneAddressPauseEveryAccountFromThere() {
    TestAccounts.Account max = user(Role.MANAGER);
    for (int i = 0; i < 50; i++) {
      failures(
          "spray-" + i + "-" + UUID.randomUUID() + "@example.com",
          address,
          1,
          Duration.ofMinutes(1));
    }

    signIn(max.email(), max.password(), "/").then().statusCode(429);
    TestAccounts.withCsrf(RestAssured.given())
        .header("X-Forwarded-For", "203.0.113.250")
        .formParam("email", max.email())
        .formParam("password", max.password())
        .post("/login")
        .then()
        .statusCode(303);
  }

  @Test
  void aSuccessClearsTheAccountsEarlierFailures() {
    TestAccounts.Account ada = user(Role.ADMIN);
    signIn(ada.email(), "wrong once", "/").then().statusCode(401);
    signIn(ada.email(), "wrong twice", "/").then().statusCode(401);
    signIn(ada.email(), ada.password(), "/").then().statusCode(303);
    signIn(ada.email(), "wrong again", "/").then().statusCode(401);
    signIn(ada.email(), ada.password(), "/").then().statusCode(303);
  }

  @Test
  void signInOnlyReturnsToPagesOfThisSite() {
    TestAccounts.Account eve = user(Role.EVALUATOR);
    for (String next :
        new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
      signIn(eve.email(), eve.password(), next)
          .then()
          .statusCode(303)
          .header("Location", endsWith("/"));
      // each success resets the account, so the next try is not slowed
    }
  }

  @Test
  void anonymousVisitorsAreSentToSignInAndBack() {
    RestAssured.given()
        .redirects()
        .follow(false)
        .get("/scenarios/weights-walkout?tab=playbook")
        .then()
        .statusCode(303)
        .header(
            "Location", endsWith("/login?next=%2Fscenarios%2Fweights-walkout%3Ftab%3Dplaybook"));
    RestAssured.given()
        .get("/login?next=/scenarios/weights-walkout")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("name=\"next\" value=\"/scenarios/weights-walkout\""),
                containsString("autocomplete=\"current-password\"")));
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() {
    TestAccounts.Account max = user(Role.MANAGER);
    Response out = max.form().post("/logout");
    out.then().statusCode(303).header("Location", endsWith("/login"));
    assertThat(out.getHeaders().getValues("Set-Cookie"))
        .anySatisfy(
            cookie -> assertThat(cookie).startsWith("breachdrill-session=;").contains("Max-Age=0"));
    max.given().redirects().follow(false).get("/scenarios").then().statusCode(303);
    assertThat(lastEntry(AuditAction.LOGOUT, max.email())).isNotNull();
  }

  @Test
  void signingInAgainReplacesTheBrowsersEarlierSession() {
    TestAccounts.Account max = user(Role.MANAGER);
    Response again =
        TestAccounts.withCsrf(max.given())
            .header("X-Forwarded-For", address)
            .formParam("email", max.email())
            .formParam("password", max.password())
            .post("/login");
    again.then().statusCode(303);
    assertThat(again.getCookie(TestAccounts.SESSION_COOKIE)).isNotEqualTo(max.session());
    max.given().redirects().follow(false).get("/scenarios").then().statusCode(303);
    TestAccounts.session(again.getCookie(TestAccounts.SESSION_COOKIE))
        .get("/scenarios")
        .then()
        .statusCode(200);
  }

  @Test
  void anExpiredSessionNoLongerOpensAnything() {
    TestAccounts.Account max = user(Role.MANAGER);
    max.given().get("/scenarios").then().statusCode(200);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                Session.update(
                    "expiresAt = ?1 where tokenHash = ?2",
                    TestClock.now().minusSeconds(1),
                    Tokens.sha256(max.session())));
    max.given().redirects().follow(false).get("/scenarios").then().statusCode(303);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> Session.<Session>findById(Tokens.sha256(max.session())) != null))
        .as("the expired session is deleted when seen")
        .isFalse();
  }

  static void failures(String email, String address, int count, Duration ago) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < count; i++) {
                AuditEntry entry = new AuditEntry();
                entry.at = TestClock.now().minus(ago).minusSeconds(i);
                entry.action = AuditAction.LOGIN_FAILED;
                entry.actor = User.normalizeEmail(email);
                entry.subject = User.normalizeEmail(email);
                entry.address = address;
                entry.persist();
              }
            });
  }

  static AuditEntry lastEntry(AuditAction action, String subject) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEntry.<AuditEntry>find(
                        "action = ?1 and subject = ?2 order by id desc", action, subject)
                    .firstResult());
  }
}
