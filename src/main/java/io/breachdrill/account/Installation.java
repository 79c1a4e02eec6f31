package io.breachdrill.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The single row that says this installation has its first admin. */
@Entity
@Table(name = "installation")
public class Installation extends PanacheEntityBase {

  @Id public Integer id;

  @Column(name = "set_up_at", nullable = false)
  public Instant setUpAt;

  static void claim(Instant now) {
    Installation row = new Installation();
    row.id = 1;
    row.setUpAt = now;
    row.persist();
    getEntityManager().flush();
  }
}
