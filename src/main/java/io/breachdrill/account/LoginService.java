package io.breachdrill.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Signs people in with email and password. An unknown email, a wrong password, a disabled account
 * and one without a password all get the same answer in the same time.
 */
@ApplicationScoped
public class LoginService {

  static final String WRONG = "That email and password do not match an active account.";

  /** What came of a sign-in attempt. */
  public sealed interface Outcome {
    record SignedIn(User user, String token) implements Outcome {}

    record Failed(String message) implements Outcome {}

    record Refused(String message, Duration retryAfter) implements Outcome {}
  }

  private final Passwords passwords;
  private final Sessions sessions;
  private final AuditLog audit;
  private final LoginThrottle throttle;
  private final InstantSource clock;

  LoginService(
      Passwords passwords,
      Sessions sessions,
      AuditLog audit,
      LoginConfig config,
      InstantSource clock) {
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
    this.throttle = config.throttle();
    this.clock = clock;
  }

  public Outcome signIn(String typedEmail, String password) {
    String email = User.normalizeEmail(typedEmail);
    String address = ClientAddress.current().orElse(null);
    Optional<LoginThrottle.Refusal> refusal = refusal(email, address);
    if (refusal.isPresent()) {
      audit.record(AuditAction.LOGIN_REFUSED, email, null, email, null);
      return new Outcome.Refused(message(refusal.get()), refusal.get().retryAfter());
    }
    Optional<User> user = User.byEmail(email);
    boolean matches = passwords.matches(password, user.map(u -> u.passwordHash).orElse(null));
    if (!matches || !user.get().enabled) {
      audit.record(AuditAction.LOGIN_FAILED, email, null, email, null);
      return new Outcome.Failed(WRONG);
    }
    User signedIn = recordSuccess(user.get().id, "password");
    return new Outcome.SignedIn(signedIn, sessions.open(signedIn));
  }

  /**
   * Signs in whoever the identity provider vouches for: the enabled account with that email, if the
   * provider verified it. Unknown or unverified emails are recorded and refused.
   */
  public Optional<User> signInVerified(String providedEmail, boolean verified) {
    String email = User.normalizeEmail(providedEmail);
    Optional<User> user = verified ? User.byEmail(email).filter(u -> u.enabled) : Optional.empty();
    if (user.isEmpty()) {
      audit.record(
          AuditAction.LOGIN_FAILED,
          email,
          null,
          email,
          "single sign-on: no such active account or email not verified");
      return Optional.empty();
    }
    return Optional.of(recordSuccess(user.get().id, "single sign-on"));
  }

  @Transactional
  User recordSuccess(long userId, String how) {
    User user = User.findById(userId);
    user.lastLoginAt = clock.instant();
    audit.record(AuditAction.LOGIN_SUCCEEDED, user.email, user.id, user.email, how);
    return user;
  }

  private Optional<LoginThrottle.Refusal> refusal(String email, String address) {
    Instant now = clock.instant();
    Instant from = throttle.countFrom(now);
    Instant accountFrom =
        AuditEntry.last(AuditAction.LOGIN_SUCCEEDED, email)
            .filter(success -> success.isAfter(from))
            .orElse(from);
    List<Instant> byAccount =
        AuditEntry.times(AuditAction.LOGIN_FAILED, "subject", email, accountFrom);
    List<Instant> byAddress =
        address == null
            ? List.of()
            : AuditEntry.times(AuditAction.LOGIN_FAILED, "address", address, from);
    return throttle.judge(byAccount, byAddress, now);
  }

  static String message(LoginThrottle.Refusal refusal) {
    long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
    if (refusal.locked()) {
      long minutes = (seconds + 59) / 60;
      return "Too many failed sign-ins. Signing in is paused for this account or address; try again in "
          + minutes
          + (minutes == 1 ? " minute." : " minutes.");
    }
    return "Too many failed sign-ins. Wait "
        + seconds
        + (seconds == 1 ? " second" : " seconds")
        + " before you try again.";
  }
}
