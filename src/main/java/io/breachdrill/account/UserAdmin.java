package io.breachdrill.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates and changes staff accounts, with the rules that keep an installation manageable: emails
 * are unique, every user has a role, and the last enabled admin cannot be disabled or demoted.
 * Every change lands in the audit log in the same transaction.
 */
@ApplicationScoped
public class UserAdmin {

  static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** A new user and, when no password was given, the invitation token to send them. */
  public record Created(User user, Optional<String> invitation) {}

  private final Passwords passwords;
  private final Sessions sessions;
  private final AuditLog audit;
  private final InstantSource clock;

  UserAdmin(Passwords passwords, Sessions sessions, AuditLog audit, InstantSource clock) {
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Created create(
      Viewer by, String email, String displayName, Set<Role> roles, String password) {
    String normalized = checkEmail(email);
    String name = checkName(displayName);
    checkRoles(roles);
    boolean invite = password == null || password.isEmpty();
    if (!invite) {
      Passwords.problem(password).ifPresent(problem -> fail(problem));
    }
    if (User.byEmail(normalized).isPresent()) {
      fail("A user with the email " + normalized + " already exists.");
    }
    User user = newUser(normalized, name, roles);
    user.passwordHash = invite ? null : passwords.hash(password);
    user.persist();
    audit.record(by, AuditAction.USER_CREATED, user.email, "roles: " + keys(roles));
    return new Created(user, invite ? Optional.of(invite(by, user)) : Optional.empty());
  }

  /** A fresh invitation link for the user; it also serves to reset a forgotten password. */
  @Transactional
  public String invite(Viewer by, long userId) {
    return invite(by, User.require(userId));
  }

  private String invite(Viewer by, User user) {
    String token = Tokens.random();
    user.invitationHash = Tokens.sha256(token);
    user.invitationExpiresAt = clock.instant().plus(INVITATION_VALIDITY);
    audit.record(by, AuditAction.USER_INVITED, user.email, "valid for 7 days");
    return token;
  }

  @Transactional
  public User update(Viewer by, long userId, String displayName, Set<Role> roles) {
    User user = User.require(userId);
    String name = checkName(displayName);
    checkRoles(roles);
    if (user.has(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
      keepAnAdmin(by, user, "remove the admin role from");
    }
    String before = keys(user.roles);
    user.displayName = name;
    user.roles.clear();
    user.roles.addAll(roles);
    audit.record(
        by,
        AuditAction.USER_UPDATED,
        user.email,
        "name: " + name + "; roles: " + before + " -> " + keys(roles));
    return user;
  }

  @Transactional
  public User disable(Viewer by, long userId) {
    User user = User.require(userId);
    if (user.enabled && user.has(Role.ADMIN)) {
      keepAnAdmin(by, user, "disable");
    }
    user.enabled = false;
    user.invitationHash = null;
    user.invitationExpiresAt = null;
    long closed = sessions.closeAllOf(user.id);
    audit.record(by, AuditAction.USER_DISABLED, user.email, closed + " sessions ended");
    return user;
  }

  @Transactional
  public User enable(Viewer by, long userId) {
    User user = User.require(userId);
    user.enabled = true;
    audit.record(by, AuditAction.USER_ENABLED, user.email, null);
    return user;
  }

  /** Sets the password of whoever followed an invitation, which is then used up. */
  @Transactional
  public User acceptInvitation(String token, String password) {
    User user = invited(token).orElseThrow(() -> new UserChange(INVITATION_GONE));
    Passwords.problem(password).ifPresent(problem -> fail(problem));
    user.passwordHash = passwords.hash(password);
    user.invitationHash = null;
    user.invitationExpiresAt = null;
    audit.record(AuditAction.INVITATION_ACCEPTED, user.email, user.id, user.email, null);
    return user;
  }

  static final String INVITATION_GONE =
      "This invitation link is not valid any more. Ask your admin for a new one.";

  /** The enabled user an unexpired invitation token belongs to. */
  public Optional<User> invited(String token) {
    Instant now = clock.instant();
    return User.byInvitation(Tokens.sha256(token))
        .filter(user -> user.enabled && user.invitationOpen(now));
  }

  /** Changes the signed-in user's own password; their other sessions end. */
  @Transactional
  public User changePassword(long userId, String current, String next) {
    User user = User.require(userId);
    if (!passwords.matches(current, user.passwordHash)) {
      fail("Your current password is not right.");
    }
    Passwords.problem(next).ifPresent(problem -> fail(problem));
    user.passwordHash = passwords.hash(next);
    sessions.closeAllOf(user.id);
    audit.record(AuditAction.PASSWORD_CHANGED, user.email, user.id, user.email, null);
    return user;
  }

  /**
   * The first admin of an installation. Inserting the single installation row makes a second,
   * racing set-up fail instead of creating a second first admin.
   */
  @Transactional
  public User createFirstAdmin(String email, String displayName, String password, String via) {
    if (User.count() > 0) {
      fail("Breachdrill is already set up.");
    }
    String normalized = checkEmail(email);
    String name = checkName(displayName);
    Passwords.problem(password).ifPresent(problem -> fail(problem));
    Installation.claim(clock.instant());
    User user = newUser(normalized, name, EnumSet.of(Role.ADMIN));
    user.passwordHash = passwords.hash(password);
    user.persist();
    audit.record(AuditAction.SETUP_COMPLETED, via, null, user.email, "first admin");
    return user;
  }

  /** A user with a password, for seeding demo installations. */
  @Transactional
  public User seed(String email, String displayName, Set<Role> roles, String password) {
    User user = newUser(User.normalizeEmail(email), displayName, roles);
    user.passwordHash = passwords.hash(password);
    user.persist();
    audit.record(AuditAction.USER_CREATED, null, null, user.email, "demo data");
    return user;
  }

  private User newUser(String email, String displayName, Set<Role> roles) {
    User user = new User();
    user.email = email;
    user.displayName = displayName;
    user.enabled = true;
    user.createdAt = clock.instant();
    user.roles.addAll(roles);
    return user;
  }

  private void keepAnAdmin(Viewer by, User user, String what) {
    if (by.user().map(SignedInUser::id).filter(user.id::equals).isPresent()) {
      fail("You cannot " + what + " yourself; ask another admin.");
    }
    if (User.enabledAdmins() <= 1) {
      fail("You cannot " + what + " the last enabled admin.");
    }
  }

  private static String checkEmail(String email) {
    String normalized = User.normalizeEmail(email);
    if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
      fail("Enter an email address such as name@example.com.");
    }
    return normalized;
  }

  private static String checkName(String displayName) {
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.length() > 100) {
      fail("Enter a name of 1 to 100 characters.");
    }
    return name;
  }

  private static void checkRoles(Set<Role> roles) {
    if (roles.isEmpty()) {
      fail("Choose at least one role.");
    }
  }

  private static String keys(Set<Role> roles) {
    return roles.isEmpty()
        ? "none"
        : String.join(", ", EnumSet.copyOf(roles).stream().map(Role::key).toList());
  }

  private static void fail(String message) {
    throw new UserChange(message);
  }
}
