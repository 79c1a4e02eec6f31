package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserAdminTest {

  TestAccounts.Account admin;

  @BeforeEach
  void signInAsAdmin() {
    admin = TestAccounts.staff(Role.ADMIN);
  }

  static String newEmail() {
    return "new-" + UUID.randomUUID() + "@example.com";
  }

  Response signIn(String email, String password) {
    return TestAccounts.withCsrf(RestAssured.given())
        .header("X-Forwarded-For", "198.18.0." + (1 + (email.hashCode() & 0x7f)))
        .formParam("email", email)
        .formParam("password", password)
        .post("/login");
  }

  @Test
  void anAdminCreatesAUserWithRolesWhoCanThenSignIn() {
    String email = newEmail();
    Response created =
        admin
            .form()
            .formParam("email", email)
            .formParam("displayName", "Nadia New")
            .formParam("roles", "evaluator")
            .formParam("roles", "manager")
            .formParam("password", "a perfectly long password")
            .post("/admin/users");
    created.then().statusCode(303);

    admin
        .given()
        .get(created.getHeader("Location"))
        .then()
        .statusCode(200)
        .body(allOf(containsString("Nadia New"), containsString(email)));
    Response signedIn = signIn(email, "a perfectly long password");
    signedIn.then().statusCode(303);
    TestAccounts.session(signedIn.getCookie(TestAccounts.SESSION_COOKIE))
        .get("/account")
        .then()
        .statusCode(200)
        .body(containsString("Evaluator, Manager"));
  }

  @Test
  void anInvitationLetsTheUserChooseTheirPasswordOnce() {
    String email = newEmail();
    Response created =
        admin
            .form()
            .formParam("email", email)
            .formParam("displayName", "Ivy Invited")
            .formParam("roles", "facilitator")
            .formParam("password", "")
            .post("/admin/users");
    created.then().statusCode(201).header("Location", containsString("/admin/users/"));
    Matcher link =
        Pattern.compile("http://[^<\"]+/invite/([A-Za-z0-9_-]{43})").matcher(created.asString());
    assertThat(link.find()).as("the page shows the invitation link").isTrue();
    String path = "/invite/" + link.group(1);

    RestAssured.given().get(path).then().statusCode(200).body(containsString(email));
    TestAccounts.withCsrf(RestAssured.given())
        .formParam("password", "short")
        .formParam("confirm", "short")
        .post(path)
        .then()
        .statusCode(400)
        .body(containsString("Choose a password of at least 12 characters."));
    Response accepted =
        TestAccounts.withCsrf(RestAssured.given())
            .formParam("password", "ivy's chosen passphrase")
            .formParam("confirm", "ivy's chosen passphrase")
            .post(path);
    accepted.then().statusCode(303);
    TestAccounts.session(accepted.getCookie(TestAccounts.SESSION_COOKIE))
        .get("/drills")
        .then()
        .statusCode(200);

    RestAssured.given()
        .get(path)
        .then()
        .statusCode(404)
        .body(containsString("This invitation link is not valid any more."));
    signIn(email, "ivy's chosen passphrase").then().statusCode(303);
  }

  @Test
  void disablingAUserEndsTheirSessionsAtOnce() {
    TestAccounts.Account fran = TestAccounts.staff(Role.FACILITATOR);
    String second = TestAccounts.signIn(fran.id());
    fran.given().get("/drills").then().statusCode(200);

    admin.form().post("/admin/users/" + fran.id() + "/disable").then().statusCode(303);

    for (String session : new String[] {fran.session(), second}) {
      TestAccounts.session(session)
          .redirects()
          .follow(false)
          .get("/drills")
          .then()
          .statusCode(303)
          .header("Location", containsString("/login"));
    }
    signIn(fran.email(), fran.password()).then().statusCode(401);
    assertThat(QuarkusTransaction.requiringNew().call(() -> Session.count("userId", fran.id())))
        .isZero();

    admin.form().post("/admin/users/" + fran.id() + "/enable").then().statusCode(303);
    signIn(fran.email(), fran.password()).then().statusCode(303);
  }

  @Test
  void roleChangesApplyToTheNextRequest() {
    TestAccounts.Account fran = TestAccounts.staff(Role.FACILITATOR);
    fran.given().get("/drills").then().statusCode(200);

    admin
        .form()
        .formParam("displayName", "Fran Reassigned")
        .formParam("roles", "evaluator")
        .post("/admin/users/" + fran.id())
        .then()
        .statusCode(303);

    fran.given().get("/drills").then().statusCode(403);
    fran.given().get("/scenarios").then().statusCode(200).body(containsString("Fran Reassigned"));
  }

  @Test
  void anAdminCannotLockThemselvesOut() {
    admin
        .form()
        .post("/admin/users/" + admin.id() + "/disable")
        .then()
        .statusCode(400)
        .body(containsString("You cannot disable yourself; ask another admin."));
    admin
        .form()
        .formParam("displayName", "Still Admin")
        .formParam("roles", "manager")
        .post("/admin/users/" + admin.id())
        .then()
        .statusCode(400)
        .body(containsString("You cannot remove the admin role from yourself"));
    admin.given().get("/admin/users").then().statusCode(200);
  }

  @Test
  void mistakesInTheFormAreExplainedAndNothingIsSaved() {
    String email = newEmail();
    admin
        .form()
        .formParam("email", email)
        .formParam("displayName", "No Roles")
        .formParam("password", "a perfectly long password")
        .post("/admin/users")
        .then()
        .statusCode(400)
        .body(allOf(containsString("Choose at least one role."), containsString(email)));
    admin
        .form()
        .formParam("email", admin.email().toUpperCase())
        .formParam("displayName", "Twin")
        .formParam("roles", "manager")
        .post("/admin/users")
        .then()
        .statusCode(400)
        .body(containsString("already exists"));
    admin
        .form()
        .formParam("email", email)
        .formParam("displayName", "Bad Role")
        .formParam("roles", "superuser")
        .post("/admin/users")
        .then()
        .statusCode(400)
        .body(containsString("There is no role superuser."));
    assertThat(QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).isPresent()))
        .isFalse();
  }

  @Test
  void changingYourPasswordSignsOutYourOtherSessions() {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    String otherBrowser = TestAccounts.signIn(max.id());
    Response changed =
        max.form()
            .formParam("current", max.password())
            .formParam("password", "max's brand new passphrase")
            .formParam("confirm", "max's brand new passphrase")
            .post("/account/password");
    changed.then().statusCode(303).header("Location", endsWith("/account?changed=true"));

    TestAccounts.session(changed.getCookie(TestAccounts.SESSION_COOKIE))
        .get("/account?changed=true")
        .then()
        .statusCode(200)
        .body(containsString("Your password is changed."));
    TestAccounts.session(otherBrowser)
        .redirects()
        .follow(false)
        .get("/account")
        .then()
        .statusCode(303);
    signIn(max.email(), max.password()).then().statusCode(401);
  }

  @Test
  void theAuditLogRecordsUserChangesAndFiltersThem() {
    TestAccounts.Account eve = TestAccounts.staff(Role.EVALUATOR);
    admin.form().post("/admin/users/" + eve.id() + "/disable").then().statusCode(303);

    admin
        .given()
        .queryParam("action", "USER_DISABLED")
        .queryParam("subject", eve.email())
        .get("/admin/audit")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("User disabled"),
                containsString(eve.email()),
                containsString(admin.email()),
                containsString("1 sessions ended")));
    admin
        .given()
        .queryParam("from", "28/11/2026")
        .get("/admin/audit")
        .then()
        .statusCode(400)
        .body(containsString("From must be a date such as 2026-11-28, not 28/11/2026."));
  }
}
