package io.breachdrill.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.InstantSource;

/** Appends to the audit log, in the transaction of the change it records. */
@ApplicationScoped
public class AuditLog {

  private static final String SYSTEM = "system";

  private final InstantSource clock;

  AuditLog(InstantSource clock) {
    this.clock = clock;
  }

  /** Records an action by a known actor (a signed-in user, or the email typed at sign-in). */
  @Transactional
  public AuditEntry record(
      AuditAction action, String actor, Long actorUserId, String subject, String detail) {
    AuditEntry entry = new AuditEntry();
    entry.at = clock.instant();
    entry.action = action;
    entry.actor = clip(actor == null ? SYSTEM : actor, 254);
    entry.actorUserId = actorUserId;
    entry.address = ClientAddress.current().orElse(null);
    entry.subject = subject == null ? null : clip(subject, 254);
    entry.detail = detail == null ? null : clip(detail, 2000);
    entry.persist();
    return entry;
  }

  /** Records an action by whoever makes the current request. */
  @Transactional
  public AuditEntry record(Viewer viewer, AuditAction action, String subject, String detail) {
    Long userId = viewer.user().map(SignedInUser::id).orElse(null);
    return record(action, viewer.label(), userId, subject, detail);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
