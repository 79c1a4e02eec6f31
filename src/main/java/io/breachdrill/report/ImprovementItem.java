package io.breachdrill.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of a drill's improvement plan. Seeded from a step the teams missed, did late or harmed;
 * from then on people own its text, owner, due date and status, which the log cannot rebuild.
 */
@Entity
@Table(name = "improvement_item")
public class ImprovementItem extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "improvement_item_seq")
  @SequenceGenerator(
      name = "improvement_item_seq",
      sequenceName = "improvement_item_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "drill_id", nullable = false)
  public Long drillId;

  @Column(name = "step_id", nullable = false, length = 100)
  public String stepId;

  @Column(nullable = false, length = 1000)
  public String issue;

  @Column(name = "corrective_action", nullable = false, length = 2000)
  public String correctiveAction;

  @Column(name = "control_area", nullable = false, length = 100)
  public String controlArea;

  @Column(name = "owner_name", length = 100)
  public String owner;

  @Column(name = "due_date")
  public LocalDate due;

  @Column(nullable = false, length = 20)
  public String status;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
