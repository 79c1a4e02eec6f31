package io.breachdrill.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side sessions: the cookie carries a random token, the database says who it belongs to.
 * Every request reads the user afresh, so disabling a user or changing roles acts at once, on every
 * node.
 */
@ApplicationScoped
public class Sessions {

  static final String USER_ATTRIBUTE = "breachdrill.user";
  static final String SEAT_ATTRIBUTE = "breachdrill.seat";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final SessionConfig config;
  private final InstantSource clock;

  Sessions(SessionConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
  }

  @Transactional
  public String open(User user) {
    return open(user.id, null, user.displayName);
  }

  @Transactional
  public String open(TeamSeat seat) {
    return open(null, seat, seat.displayName());
  }

  private String open(Long userId, TeamSeat seat, String displayName) {
    Instant now = clock.instant();
    Session.delete("expiresAt < ?1", now);
    String token = Tokens.random();
    Session session = new Session();
    session.tokenHash = Tokens.sha256(token);
    session.userId = userId;
    if (seat != null) {
      session.participantId = seat.participantId();
      session.drillId = seat.drillId();
      session.teamId = seat.teamId();
    }
    session.displayName = displayName;
    session.address = ClientAddress.current().orElse(null);
    session.createdAt = now;
    session.lastSeenAt = now;
    session.expiresAt = expiry(now, now);
    session.persist();
    return token;
  }

  /** Ends the session whose cookie this request carries, if any. */
  @Transactional
  public void closeCurrent(HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(config.cookieName());
    if (cookie != null && !cookie.getValue().isEmpty()) {
      Session.deleteById(Tokens.sha256(cookie.getValue()));
    }
  }

  /** Ends every session of a user, on every node, at once. */
  @Transactional
  public long closeAllOf(long userId) {
    return Session.closeAllOf(userId);
  }

  /** Who holds this token, or empty when it is unknown, expired or its user is disabled. */
  @ActivateRequestContext
  @Transactional
  public Optional<SecurityIdentity> identify(String token) {
    Session session = Session.findById(Tokens.sha256(token));
    Instant now = clock.instant();
    if (session == null) {
      return Optional.empty();
    }
    if (!now.isBefore(session.expiresAt)) {
      session.delete();
      return Optional.empty();
    }
    if (Duration.between(session.lastSeenAt, now).compareTo(TOUCH_EVERY) >= 0) {
      session.lastSeenAt = now;
      session.expiresAt = expiry(session.createdAt, now);
    }
    if (session.participantId != null) {
      TeamSeat seat =
          new TeamSeat(session.participantId, session.drillId, session.teamId, session.displayName);
      return Optional.of(
          QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal("participant:" + seat.participantId()))
              .addRole(Roles.PARTICIPANT)
              .addAttribute(SEAT_ATTRIBUTE, seat)
              .build());
    }
    User user = User.findById(session.userId);
    if (user == null || !user.enabled) {
      session.delete();
      return Optional.empty();
    }
    Set<Role> roles = user.sortedRoles();
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(user.email))
            .addAttribute(
                USER_ATTRIBUTE, new SignedInUser(user.id, user.email, user.displayName, roles));
    roles.forEach(role -> identity.addRole(role.key()));
    return Optional.of(identity.build());
  }

  private Instant expiry(Instant created, Instant now) {
    Instant idle = now.plus(config.idleTimeout());
    Instant hard = created.plus(config.maxAge());
    return idle.isBefore(hard) ? idle : hard;
  }

  public NewCookie cookie(String token) {
    return cookie(token, (int) config.maxAge().toSeconds());
  }

  /** Tells the browser to forget its session cookie. */
  public NewCookie expiredCookie() {
    return cookie("", 0);
  }

  public String cookieName() {
    return config.cookieName();
  }

  private NewCookie cookie(String value, int maxAge) {
    return new NewCookie.Builder(config.cookieName())
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(config.secureCookie())
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
