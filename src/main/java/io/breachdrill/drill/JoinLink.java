package io.breachdrill.drill;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A link that lets people join one team without an account. Its token is 256 random bits; the
 * facilitator can revoke it, and it may expire. Kept in clear so its facilitator can copy it again.
 */
@Entity
@Table(name = "join_link")
public class JoinLink extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "join_link_seq")
  @SequenceGenerator(name = "join_link_seq", sequenceName = "join_link_seq", allocationSize = 50)
  public Long id;

  @Column(name = "team_id", nullable = false)
  public Long teamId;

  @Column(nullable = false, length = 64)
  public String token;

  /** What the facilitator made it for ("sent to the night shift"); shown only to them. */
  @Column(length = 200)
  public String note;

  @Column(name = "created_by", nullable = false)
  public Long createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public boolean usable(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  public String state(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    return usable(now) ? "active" : "expired";
  }

  static Optional<JoinLink> byToken(String token) {
    return find("token", token).firstResultOptional();
  }
}
