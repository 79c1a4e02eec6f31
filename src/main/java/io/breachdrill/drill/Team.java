package io.breachdrill.drill;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.List;

/** One team of a drill; its participants see only its own feed. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "team_seq")
  @SequenceGenerator(name = "team_seq", sequenceName = "team_seq", allocationSize = 50)
  public Long id;

  @Column(name = "drill_id", nullable = false)
  public Long drillId;

  @Column(nullable = false, length = 100)
  public String name;

  public List<Participant> participants() {
    return Participant.list("teamId = ?1 order by joinedAt, id", id);
  }
}
