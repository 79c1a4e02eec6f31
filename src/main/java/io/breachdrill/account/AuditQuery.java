package io.breachdrill.account;

import io.quarkus.panache.common.Parameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The audit log's filters, as typed into the page, and the query they make. */
public record AuditQuery(
    String action, String actor, String subject, String from, String to, Long before) {

  static final int PAGE = 50;

  public AuditQuery {
    action = blankToEmpty(action);
    actor = blankToEmpty(actor);
    subject = blankToEmpty(subject);
    from = blankToEmpty(from);
    to = blankToEmpty(to);
  }

  /** One page of entries, newest first. */
  List<AuditEntry> run() {
    List<String> where = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (!action.isEmpty()) {
      where.add("action = :action");
      parameters.and("action", parseAction());
    }
    if (!actor.isEmpty()) {
      where.add("lower(actor) like :actor");
      parameters.and("actor", like(actor));
    }
    if (!subject.isEmpty()) {
      where.add("lower(subject) like :subject");
      parameters.and("subject", like(subject));
    }
    if (!from.isEmpty()) {
      where.add("at >= :from");
      parameters.and("from", date("From", from).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (!to.isEmpty()) {
      where.add("at < :to");
      parameters.and("to", date("To", to).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (before != null) {
      where.add("id < :before");
      parameters.and("before", before);
    }
    String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by id desc";
    return AuditEntry.<AuditEntry>find(query.strip(), parameters).page(0, PAGE).list();
  }

  /** The filters as a query string, for the link to older entries. */
  public String nextPage(long lastId) {
    return "?action="
        + encode(action)
        + "&actor="
        + encode(actor)
        + "&subject="
        + encode(subject)
        + "&from="
        + encode(from)
        + "&to="
        + encode(to)
        + "&before="
        + lastId;
  }

  private AuditAction parseAction() {
    try {
      return AuditAction.valueOf(action);
    } catch (IllegalArgumentException e) {
      throw new UserChange("There is no action " + action + ".");
    }
  }

  private static LocalDate date(String label, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserChange(label + " must be a date such as 2026-11-28, not " + text + ".");
    }
  }

  private static String like(String text) {
    String escaped =
        text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.strip();
  }
}
