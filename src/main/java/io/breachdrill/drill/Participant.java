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

/** Someone who joined a team through a join link, under the name and team role they gave. */
@Entity
@Table(name = "participant")
public class Participant extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "participant_seq")
  @SequenceGenerator(
      name = "participant_seq",
      sequenceName = "participant_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "team_id", nullable = false)
  public Long teamId;

  @Column(name = "join_link_id", nullable = false)
  public Long joinLinkId;

  @Column(name = "display_name", nullable = false, length = 60)
  public String displayName;

  @Column(name = "team_role", nullable = false, length = 100)
  public String teamRole;

  @Column(name = "joined_at", nullable = false)
  public Instant joinedAt;
}
