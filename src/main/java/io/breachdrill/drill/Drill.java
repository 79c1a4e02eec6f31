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
import java.util.List;

/** A drill run by one facilitator for several teams; what happens in it is its event log. */
@Entity
@Table(name = "drill")
public class Drill extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "drill_seq")
  @SequenceGenerator(name = "drill_seq", sequenceName = "drill_seq", allocationSize = 50)
  public Long id;

  @Column(nullable = false, length = 200)
  public String title;

  @Column(name = "scenario_id", nullable = false, length = 100)
  public String scenarioId;

  @Column(name = "facilitator_id", nullable = false)
  public Long facilitatorId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** The frozen scenario text this drill runs, whatever happens to the file later. */
  @Column(name = "scenario_version_id")
  public Long scenarioVersionId;

  /** A projection of the event log, for lists; the log decides. */
  @Column(nullable = false, length = 20)
  public String status;

  /** When the dispatcher should next look at this drill; null while nothing is scheduled. */
  @Column(name = "next_due_at")
  public Instant nextDueAt;

  /** Played by its facilitator alone to try the scenario; kept out of reports and dashboards. */
  @Column(name = "dry_run", nullable = false)
  public boolean dryRun;

  public List<Team> teams() {
    return Team.list("drillId = ?1 order by name", id);
  }

  public boolean runBy(long userId) {
    return facilitatorId == userId;
  }

  static List<Drill> listRunBy(long userId) {
    return list("facilitatorId = ?1 order by createdAt desc, id desc", userId);
  }
}
