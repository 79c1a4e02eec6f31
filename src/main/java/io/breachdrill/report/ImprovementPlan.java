package io.breachdrill.report;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import io.breachdrill.report.AfterActionReport.PlanItem;
import io.breachdrill.report.Reports.ImprovementDraft;
import io.breachdrill.web.Invalid;
import io.breachdrill.web.Missing;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores each drill's improvement plan: seeds it from the report's areas for improvement, lets the
 * drill's facilitator edit items and managers (or the facilitator) move their status, and lists
 * what is still open across drills.
 */
@ApplicationScoped
public class ImprovementPlan {

  static final int MAX_ISSUE = 1000;
  static final int MAX_ACTION = 2000;
  static final int MAX_CONTROL = 100;
  static final int MAX_OWNER = 100;

  /** Where an item stands; {@code key} is what is stored and posted. */
  public enum Status {
    OPEN("open", "Open"),
    IN_PROGRESS("in-progress", "In progress"),
    CLOSED("closed", "Closed");

    private final String key;
    private final String label;

    Status(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }

    static Optional<Status> fromKey(String key) {
      return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    static Status parse(String key) {
      return fromKey(key == null ? "" : key.strip())
          .orElseThrow(() -> new Invalid("Choose a status: open, in-progress or closed."));
    }
  }

  /** An item still open, with the drill it came from, for the managers' list. */
  public record OpenItem(long drillId, String drillTitle, PlanItem item) {}

  /** What the facilitator's form sends for one item. */
  public record Edit(
      String issue, String action, String control, String owner, String due, String status) {}

  private static final String NOT_DRY_RUN =
      "drillId not in (select d.id from Drill d where d.dryRun = true)";

  private final AuditLog audit;
  private final InstantSource clock;

  ImprovementPlan(AuditLog audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The drill's items, first adding one for every step the finished drill's teams missed, did late
   * or harmed that has none yet. The drill's row is locked while seeding so two first views do not
   * both add the same step.
   */
  @Transactional
  public List<PlanItem> seeded(Viewer viewer, long drillId, Map<String, ImprovementDraft> drafts) {
    List<ImprovementItem> items = items(drillId);
    Set<String> have = items.stream().map(i -> i.stepId).collect(Collectors.toSet());
    if (!have.containsAll(drafts.keySet())) {
      Drill drill = Drill.findById(drillId, LockModeType.PESSIMISTIC_WRITE);
      items = items(drillId);
      Set<String> stored = items.stream().map(i -> i.stepId).collect(Collectors.toSet());
      Instant now = now();
      List<String> added = new ArrayList<>();
      for (ImprovementDraft draft : drafts.values()) {
        if (stored.contains(draft.stepId())) {
          continue;
        }
        ImprovementItem item = new ImprovementItem();
        item.drillId = drillId;
        item.stepId = draft.stepId();
        item.issue = clip(draft.issue(), MAX_ISSUE);
        item.correctiveAction = clip(draft.action(), MAX_ACTION);
        item.controlArea = clip(draft.control(), MAX_CONTROL);
        item.status = Status.OPEN.key();
        item.createdAt = now;
        item.updatedAt = now;
        item.persist();
        added.add(draft.stepId());
      }
      if (!added.isEmpty()) {
        audit.record(
            viewer,
            AuditAction.IMPROVEMENT_PLAN_SEEDED,
            about(drill),
            added.size() + " items: " + String.join(", ", added));
      }
      items = items(drillId);
    }
    return items.stream().map(ImprovementPlan::view).toList();
  }

  /** The drill's items as they are, without seeding (for drills still running). */
  @Transactional
  public List<PlanItem> current(long drillId) {
    return items(drillId).stream().map(ImprovementPlan::view).toList();
  }

  /** The facilitator who runs the drill changes an item's text, owner, due date and status. */
  @Transactional
  public void edit(Viewer viewer, long drillId, long itemId, Edit edit) {
    Drill drill = drill(drillId);
    if (!drill.runBy(viewer.requireUser().id())) {
      throw new ForbiddenException(
          "Only the facilitator who runs this drill can edit its improvement plan.");
    }
    String issue = text(edit.issue(), MAX_ISSUE, "the issue");
    String action = text(edit.action(), MAX_ACTION, "the corrective action");
    String control = text(edit.control(), MAX_CONTROL, "the control area");
    String owner = edit.owner() == null ? "" : edit.owner().strip();
    if (owner.length() > MAX_OWNER || owner.chars().anyMatch(Character::isISOControl)) {
      throw new Invalid("Give the owner in up to " + MAX_OWNER + " characters on one line.");
    }
    LocalDate due = due(edit.due());
    Status status = Status.parse(edit.status());
    ImprovementItem item = item(drillId, itemId);
    item.issue = issue;
    item.correctiveAction = action;
    item.controlArea = control;
    item.owner = owner.isEmpty() ? null : owner;
    item.due = due;
    item.status = status.key();
    item.updatedAt = now();
    audit.record(
        viewer,
        AuditAction.IMPROVEMENT_ITEM_UPDATED,
        about(drill),
        "item "
            + itemId
            + " ("
            + item.stepId
            + "): owner "
            + (item.owner == null ? "none" : item.owner)
            + ", due "
            + (due == null ? "none" : due)
            + ", "
            + status.key());
  }

  /** Managers and the drill's facilitator move an item between open, in progress and closed. */
  @Transactional
  public void status(Viewer viewer, long drillId, long itemId, String key) {
    Drill drill = drill(drillId);
    if (!viewer.has(Roles.MANAGER) && !drill.runBy(viewer.requireUser().id())) {
      throw new ForbiddenException(
          "Only managers and the drill's facilitator can change an item's status.");
    }
    Status status = Status.parse(key);
    ImprovementItem item = item(drillId, itemId);
    String before = item.status;
    item.status = status.key();
    item.updatedAt = now();
    audit.record(
        viewer,
        AuditAction.IMPROVEMENT_STATUS_CHANGED,
        about(drill),
        "item " + itemId + " (" + item.stepId + "): " + before + " → " + status.key());
  }

  /**
   * Every item not closed, oldest drill first, optionally of one status and control area; never one
   * of a dry run.
   */
  @Transactional
  public List<OpenItem> open(String status, String control) {
    StringBuilder query = new StringBuilder("status <> 'closed' and " + NOT_DRY_RUN);
    List<Object> params = new ArrayList<>();
    if (status != null && !status.isBlank()) {
      Status wanted = Status.parse(status);
      params.add(wanted.key());
      query.append(" and status = ?").append(params.size());
    }
    if (control != null && !control.isBlank()) {
      params.add(control.strip());
      query.append(" and controlArea = ?").append(params.size());
    }
    query.append(" order by drillId, id");
    List<ImprovementItem> items = ImprovementItem.list(query.toString(), params.toArray());
    Map<Long, String> titles =
        items.isEmpty()
            ? Map.of()
            : Drill.<Drill>list("id in ?1", items.stream().map(i -> i.drillId).distinct().toList())
                .stream()
                .collect(Collectors.toMap(d -> d.id, d -> d.title));
    return items.stream()
        .map(i -> new OpenItem(i.drillId, titles.getOrDefault(i.drillId, ""), view(i)))
        .toList();
  }

  /** Control areas of open items, for the filter. */
  @Transactional
  public List<String> openControls() {
    return ImprovementItem.<ImprovementItem>list("status <> 'closed' and " + NOT_DRY_RUN).stream()
        .map(i -> i.controlArea)
        .distinct()
        .sorted()
        .toList();
  }

  static PlanItem view(ImprovementItem item) {
    Status status = Status.fromKey(item.status).orElse(Status.OPEN);
    return new PlanItem(
        item.id,
        item.stepId,
        item.issue,
        item.correctiveAction,
        item.controlArea,
        item.owner == null ? "" : item.owner,
        item.due == null ? "" : item.due.toString(),
        status.key(),
        status.label());
  }

  private static List<ImprovementItem> items(long drillId) {
    return ImprovementItem.list("drillId = ?1 order by id", drillId);
  }

  private static Drill drill(long drillId) {
    Drill drill = Drill.findById(drillId);
    if (drill == null) {
      throw new Missing("There is no drill " + drillId + ".");
    }
    return drill;
  }

  private static ImprovementItem item(long drillId, long itemId) {
    ImprovementItem item = ImprovementItem.findById(itemId);
    if (item == null || item.drillId != drillId) {
      throw new Missing("This drill's improvement plan has no item " + itemId + ".");
    }
    return item;
  }

  static LocalDate due(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new Invalid("Give the due date as YYYY-MM-DD, such as 2027-03-31, or leave it empty.");
    }
  }

  private static String text(String value, int max, String what) {
    String clean = value == null ? "" : value.strip();
    if (clean.isEmpty() || clean.length() > max) {
      throw new Invalid("Give " + what + " in 1 to " + max + " characters.");
    }
    return clean;
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String about(Drill drill) {
    return "drill " + drill.id + " (" + drill.title + ")";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
