package io.breachdrill.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed-in browser: a staff user's, or a participant's scoped to one team of one drill. The
 * participant's drill and team are copied here when they join, as they never change.
 */
@Entity
@Table(name = "user_session")
public class Session extends PanacheEntityBase {

  @Id
  @Column(name = "token_hash", length = 64)
  public String tokenHash;

  @Column(name = "user_id")
  public Long userId;

  @Column(name = "participant_id")
  public Long participantId;

  @Column(name = "drill_id")
  public Long drillId;

  @Column(name = "team_id")
  public Long teamId;

  @Column(name = "display_name", nullable = false, length = 100)
  public String displayName;

  @Column(length = 64)
  public String address;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_seen_at", nullable = false)
  public Instant lastSeenAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  static long closeAllOf(long userId) {
    return delete("userId", userId);
  }
}
