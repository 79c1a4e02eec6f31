package io.breachdrill.account;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** Staff accounts and signed-in sessions for tests, made straight in the database. */
public final class TestAccounts {

  public static final String SESSION_COOKIE = "breachdrill-session";
  public static final String CSRF_COOKIE = "breachdrill-csrf";
  public static final String CSRF_FIELD = "csrf-token";

  /** Any 16 bytes pass the double-submit check as long as cookie and field agree. */
  public static final String CSRF_TOKEN =
      java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private TestAccounts() {}

  /** A user, their password and a session cookie value. */
  public record Account(long id, String email, String password, String session) {

    /** A request from this user's browser. */
    public RequestSpecification given() {
      return RestAssured.given().cookie(SESSION_COOKIE, session);
    }

    /** A form post from this user's browser, with a valid CSRF token. */
    public RequestSpecification form() {
      return withCsrf(given());
    }
  }

  /** A request with a session cookie value, as a participant's browser sends it. */
  public static RequestSpecification session(String session) {
    return RestAssured.given().cookie(SESSION_COOKIE, session);
  }

  public static RequestSpecification withCsrf(RequestSpecification request) {
    return request
        .cookie(CSRF_COOKIE, CSRF_TOKEN)
        .formParam(CSRF_FIELD, CSRF_TOKEN)
        .redirects()
        .follow(false);
  }

  /** A new enabled user with these roles, signed in. */
  public static Account staff(Role... roles) {
    String password = "correct horse battery " + UUID.randomUUID();
    String email =
        (roles.length == 0 ? "nobody" : roles[0].key()) + "-" + UUID.randomUUID() + "@example.com";
    long id =
        QuarkusTransaction.requiringNew()
            .call(() -> create(email, "Test " + email, password, roles).id);
    return new Account(id, email, password, signIn(id));
  }

  public static User create(String email, String name, String password, Role... roles) {
    User user = new User();
    user.email = User.normalizeEmail(email);
    user.displayName = name;
    user.passwordHash = Arc.container().instance(Passwords.class).get().hash(password);
    user.enabled = true;
    user.createdAt = java.time.Instant.now();
    user.roles.addAll(
        roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(roles)));
    user.persist();
    return user;
  }

  /** A fresh session for an existing user. */
  public static String signIn(long userId) {
    Sessions sessions = Arc.container().instance(Sessions.class).get();
    return QuarkusTransaction.requiringNew().call(() -> sessions.open(User.<User>findById(userId)));
  }

  /** A session for a participant's seat, as joining through a link gives. */
  public static String seat(TeamSeat seat) {
    return Arc.container().instance(Sessions.class).get().open(seat);
  }
}
