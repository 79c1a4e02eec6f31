package io.breachdrill.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/** One line of the audit log: who did what, when and from where. Never changed once written. */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
  @SequenceGenerator(
      name = "audit_entry_seq",
      sequenceName = "audit_entry_seq",
      allocationSize = 50)
  public Long id;

  @Column(nullable = false)
  public Instant at;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 40)
  public AuditAction action;

  @Column(nullable = false, length = 254)
  public String actor;

  @Column(name = "actor_user_id")
  public Long actorUserId;

  @Column(length = 64)
  public String address;

  @Column(length = 254)
  public String subject;

  @Column(length = 2000)
  public String detail;

  static List<Instant> times(AuditAction action, String column, String value, Instant after) {
    return getEntityManager()
        .createQuery(
            "select a.at from AuditEntry a where a.action = :action and a."
                + column
                + " = :value and a.at > :after",
            Instant.class)
        .setParameter("action", action)
        .setParameter("value", value)
        .setParameter("after", after)
        .getResultList();
  }

  static Optional<Instant> last(AuditAction action, String subject) {
    return Optional.ofNullable(
        getEntityManager()
            .createQuery(
                "select max(a.at) from AuditEntry a where a.action = :action and a.subject = :subject",
                Instant.class)
            .setParameter("action", action)
            .setParameter("subject", subject)
            .getSingleResult());
  }
}
