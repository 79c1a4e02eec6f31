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
import org.hibernate.annotations.Immutable;

/** A stored {@link io.breachdrill.drill.engine.DrillEvent}: the drill log, append-only. */
@Entity
@Immutable
@Table(name = "drill_event")
public class LoggedEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "drill_event_seq")
  @SequenceGenerator(
      name = "drill_event_seq",
      sequenceName = "drill_event_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "drill_id", nullable = false)
  public Long drillId;

  @Column(nullable = false)
  public long seq;

  @Column(nullable = false, length = 40)
  public String type;

  @Column(name = "team_id")
  public Long teamId;

  @Column(name = "once_key", length = 120)
  public String onceKey;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(name = "drill_ms", nullable = false)
  public long drillMs;

  @Column(length = 200)
  public String actor;

  @Column(nullable = false, length = 20000)
  public String data;

  static List<LoggedEvent> after(long drillId, long seq) {
    return list("drillId = ?1 and seq > ?2 order by seq", drillId, seq);
  }
}
