package io.breachdrill.account;

import io.breachdrill.web.Missing;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A staff account: admin, facilitator, evaluator or manager, or several of these. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
  @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
  public Long id;

  @Column(nullable = false, length = 254)
  public String email;

  @Column(name = "display_name", nullable = false, length = 100)
  public String displayName;

  @Column(name = "password_hash", length = 100)
  public String passwordHash;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_login_at")
  public Instant lastLoginAt;

  @Column(name = "invitation_hash", length = 64)
  public String invitationHash;

  @Column(name = "invitation_expires_at")
  public Instant invitationExpiresAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role", length = 20)
  @Enumerated(EnumType.STRING)
  public Set<Role> roles = new HashSet<>();

  /** Emails compare without case and surrounding blanks: that is how people type them. */
  public static String normalizeEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  public static Optional<User> byEmail(String email) {
    return find("email", normalizeEmail(email)).firstResultOptional();
  }

  /** The user with this id, or a 404 that says so. */
  public static User require(long id) {
    User user = findById(id);
    if (user == null) {
      throw new Missing("There is no user " + id + ".");
    }
    return user;
  }

  public static Optional<User> byInvitation(String invitationHash) {
    return find("invitationHash", invitationHash).firstResultOptional();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public Set<Role> sortedRoles() {
    return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  public boolean invitationOpen(Instant now) {
    return invitationHash != null
        && invitationExpiresAt != null
        && now.isBefore(invitationExpiresAt);
  }

  static long enabledAdmins() {
    return getEntityManager()
        .createQuery(
            "select count(u) from User u join u.roles r where u.enabled = true and r = :role",
            Long.class)
        .setParameter("role", Role.ADMIN)
        .getSingleResult();
  }
}
