package io.breachdrill.drill;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.Roles;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.scenario.ScenarioVersion;
import io.breachdrill.web.DatabaseAway;
import io.breachdrill.web.Invalid;
import io.breachdrill.web.Missing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs drills: every command locks the drill's row (on every node, through the database), folds its
 * log, asks {@link DrillEngine} for the events, appends them and updates the drill's projections,
 * all in one transaction.
 */
@ApplicationScoped
public class Drills {

  private static final Logger LOG = Logger.getLogger(Drills.class);

  /** How long a drill the dispatcher cannot advance waits before it is tried again. */
  static final Duration RETRY_BROKEN = Duration.ofMinutes(1);

  /** Drills whose newest snapshot a node keeps; beyond it, it starts afresh. */
  static final int MAX_RECENT = 1000;

  static final int MAX_TEAMS = 20;
  static final int MAX_TEAM_NAME = 100;

  /** A drill with its frozen scenario, its folded state and its log, read without a lock. */
  public record Snapshot(
      Drill drill, Scenario scenario, DrillState state, List<DrillEvent> events) {}

  private record Locked(Drill drill, Scenario scenario, DrillState state) {}

  private final DrillLog log;
  private final DrillScenarios scenarios;
  private final ScenarioCatalog catalog;
  private final AuditLog audit;
  private final InstantSource clock;
  private final Map<Long, Snapshot> recentSnapshots = new ConcurrentHashMap<>();
  private final Event<DrillChanged> changed;

  Drills(
      DrillLog log,
      DrillScenarios scenarios,
      ScenarioCatalog catalog,
      AuditLog audit,
      InstantSource clock,
      Event<DrillChanged> changed) {
    this.changed = changed;
    this.log = log;
    this.scenarios = scenarios;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Drill create(
      Viewer viewer, String scenarioId, String title, List<String> teamNames, Speed speed) {
    return create(viewer.requireUser(), scenarioId, title, teamNames, speed);
  }

  /** A new draft drill run by the user, with its teams, on the scenario's current version. */
  @Transactional
  public Drill create(
      SignedInUser user, String scenarioId, String title, List<String> teamNames, Speed speed) {
    return create(user, scenarioId, title, teamNames, speed, false);
  }

  /** The same, flagged as a dry run when {@code dryRun}, before anything is appended to its log. */
  @Transactional
  Drill create(
      SignedInUser user,
      String scenarioId,
      String title,
      List<String> teamNames,
      Speed speed,
      boolean dryRun) {
    return create(user, catalog.currentVersion(scenarioId), title, teamNames, speed, dryRun);
  }

  /** A new draft drill of a given scenario version, such as a draft a facilitator dry-runs. */
  @Transactional
  Drill create(
      SignedInUser user,
      ScenarioVersion version,
      String title,
      List<String> teamNames,
      Speed speed,
      boolean dryRun) {
    String scenarioId = version.scenarioId;
    String cleanTitle = title == null || title.isBlank() ? version.title : title.strip();
    if (cleanTitle.length() > DrillEngine.MAX_TITLE) {
      throw new Invalid("Keep the drill's title to " + DrillEngine.MAX_TITLE + " characters.");
    }
    List<String> names = teamNames(teamNames);
    Instant now = now();
    Drill drill = new Drill();
    drill.title = cleanTitle;
    drill.scenarioId = scenarioId;
    drill.scenarioVersionId = version.id;
    drill.facilitatorId = user.id();
    drill.createdAt = now;
    drill.status = DrillStatus.DRAFT.key();
    drill.dryRun = dryRun;
    drill.persist();
    List<DrillEvent> events = new ArrayList<>();
    DrillEvent created =
        DrillEngine.created(
            cleanTitle, scenarioId, version.contentHash, speed, user.displayName(), now);
    events.add(created);
    DrillState state = DrillState.fold(events);
    for (String name : names) {
      DrillEvent added =
          DrillEngine.addTeam(state, persistTeam(drill, name), name, user.displayName(), now);
      events.add(added);
      state = state.apply(added);
    }
    log.append(drill.id, events);
    audit.record(
        AuditAction.DRILL_CREATED,
        user.email(),
        user.id(),
        about(drill),
        "scenario "
            + scenarioId
            + " version "
            + version.contentHash.substring(0, 12)
            + ", teams "
            + String.join(", ", names));
    return drill;
  }

  @Transactional
  public void addTeam(Viewer viewer, long drillId, String name) {
    String clean = teamName(name);
    control(
        viewer,
        drillId,
        AuditAction.DRILL_TEAM_ADDED,
        locked -> {
          // asked once before the row exists, so a refused name never reaches the team table
          DrillEngine.addTeam(locked.state(), 0, clean, viewer.name(), now());
          long teamId = persistTeam(locked.drill(), clean);
          return List.of(DrillEngine.addTeam(locked.state(), teamId, clean, viewer.name(), now()));
        },
        clean);
  }

  @Transactional
  public void open(Viewer viewer, long drillId) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_OPENED,
        l -> List.of(DrillEngine.open(l.state(), viewer.name(), now())),
        null);
  }

  @Transactional
  public void start(Viewer viewer, long drillId) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_STARTED,
        l -> List.of(DrillEngine.start(l.state(), viewer.name(), now())),
        null);
  }

  @Transactional
  public void pause(Viewer viewer, long drillId) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_PAUSED,
        l -> List.of(DrillEngine.pause(l.state(), viewer.name(), now())),
        null);
  }

  @Transactional
  public void resume(Viewer viewer, long drillId) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_RESUMED,
        l -> List.of(DrillEngine.resume(l.state(), viewer.name(), now())),
        null);
  }

  @Transactional
  public void finish(Viewer viewer, long drillId) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_FINISHED,
        l -> List.of(DrillEngine.finish(l.state(), viewer.name(), now())),
        null);
  }

  @Transactional
  public void speed(Viewer viewer, long drillId, Speed speed) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_SPEED_CHANGED,
        l -> List.of(DrillEngine.speed(l.state(), speed, viewer.name(), now())),
        "to " + speed.label());
  }

  @Transactional
  public void note(Viewer viewer, long drillId, Long teamId, String text) {
    control(
        viewer,
        drillId,
        AuditAction.DRILL_NOTE_ADDED,
        l -> List.of(DrillEngine.note(l.state(), teamId, text, viewer.name(), now())),
        teamId == null ? null : "team " + teamId);
  }

  @Transactional
  public void fire(Viewer viewer, long drillId, String injectId, Collection<Long> teamIds) {
    control(
        viewer,
        drillId,
        AuditAction.INJECT_FIRED,
        l -> DrillEngine.fire(l.state(), l.scenario(), injectId, teamIds, viewer.name(), now()),
        "inject " + injectId + " to teams " + teamIds);
  }

  @Transactional
  public void adhoc(
      Viewer viewer,
      long drillId,
      Collection<Long> teamIds,
      String channel,
      String title,
      String body) {
    Channel chosen =
        Channel.fromKey(channel == null ? "" : channel)
            .orElseThrow(() -> new Invalid("Choose the channel the inject arrives on."));
    control(
        viewer,
        drillId,
        AuditAction.ADHOC_INJECT_SENT,
        l -> DrillEngine.adhoc(l.state(), teamIds, chosen, title, body, viewer.name(), now()),
        "\"" + (title == null ? "" : title.strip()) + "\" to teams " + teamIds);
  }

  /** An evaluator's (or the facilitator's) HSEEP rating of a team's phase. */
  @Transactional
  public void rate(
      Viewer viewer, long drillId, long teamId, String phase, String rating, String note) {
    assess(
        viewer,
        drillId,
        AuditAction.RATING_SET,
        l ->
            DrillEngine.rate(
                l.state(), l.scenario(), teamId, phase, rating, note, viewer.name(), now()),
        "team " + teamId + ", " + phase + ": " + rating);
  }

  /** An evaluator's (or the facilitator's) observation about a team or one of its events. */
  @Transactional
  public void observe(Viewer viewer, long drillId, long teamId, Long aboutSeq, String text) {
    assess(
        viewer,
        drillId,
        AuditAction.OBSERVATION_ADDED,
        l -> DrillEngine.observe(l.state(), teamId, aboutSeq, text, viewer.name(), now()),
        "team " + teamId + (aboutSeq == null ? "" : ", about event " + aboutSeq));
  }

  /** The facilitator's adjustment of a team's credit for a step, with its reason. */
  @Transactional
  public void adjust(
      Viewer viewer,
      long drillId,
      long teamId,
      String stepId,
      java.math.BigDecimal credit,
      String reason) {
    control(
        viewer,
        drillId,
        AuditAction.SCORE_ADJUSTED,
        l ->
            List.of(
                DrillEngine.adjust(
                    l.state(), l.scenario(), teamId, stepId, credit, reason, viewer.name(), now())),
        "team " + teamId + ", step " + stepId + " by " + credit + ": " + reason);
  }

  /**
   * Stores the whole log of a drill brought from another installation. The caller has persisted the
   * drill's row (with its frozen scenario version), teams and participants in this transaction and
   * checked the events against the rules; the projections, the announcement and the stored scores
   * of a finished drill follow as for any append, so an imported drill counts like one run here.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void restore(Drill drill, List<DrillEvent> events) {
    save(new Locked(drill, scenarios.of(drill), DrillState.NONE), events);
  }

  /**
   * The drill, for reading its scores and reports: evaluators and managers read any drill but a dry
   * run, a facilitator only the drills they run.
   */
  public Snapshot readable(Viewer viewer, long drillId) {
    Snapshot snapshot = snapshot(drillId);
    if (!snapshot.drill().dryRun && (viewer.has(Roles.EVALUATOR) || viewer.has(Roles.MANAGER))) {
      return snapshot;
    }
    requireOwner(viewer, snapshot.drill());
    return snapshot;
  }

  /** The drill, if the viewer evaluates drills or runs this one. */
  public Snapshot assessable(Viewer viewer, long drillId) {
    Snapshot snapshot = snapshot(drillId);
    requireAssessor(viewer, snapshot.drill());
    return snapshot;
  }

  /** A team member's answer; the first one wins and a repeat is refused with who decided. */
  @Transactional
  public DrillEvent decide(TeamSeat seat, String decisionId, String optionId, String rationale) {
    Locked locked = lock(seat.drillId());
    DrillEvent event =
        DrillEngine.decide(
            locked.state(),
            locked.scenario(),
            seat.teamId(),
            seat.participantId(),
            decisionId,
            optionId,
            rationale,
            now());
    save(locked, List.of(event));
    return event;
  }

  /** A participant's hotwash answers, once, after the drill has finished. */
  @Transactional
  public void hotwash(
      TeamSeat seat,
      java.util.Map<String, String> answers,
      java.util.Map<String, Integer> confidence,
      boolean anonymous) {
    Locked locked = lock(seat.drillId());
    save(
        locked,
        List.of(
            DrillEngine.hotwash(
                locked.state(),
                locked.scenario(),
                seat.teamId(),
                seat.participantId(),
                answers,
                confidence,
                anonymous,
                now())));
  }

  /** Records a participant who joined through a link; the caller has stored the participant. */
  void joined(long drillId, long teamId, Member member) {
    Locked locked = lock(drillId);
    save(locked, List.of(DrillEngine.join(locked.state(), teamId, member, now())));
  }

  /**
   * Claims one drill with something due (skipping drills another node or a command holds) and
   * appends what came due. Returns false when no drill is due. A drill that cannot be advanced is
   * logged and looked at again later, so it never holds up the others.
   */
  public boolean deliverNextDue() {
    long[] claimed = {0};
    try {
      return QuarkusTransaction.requiringNew().call(() -> deliverOne(claimed));
    } catch (RuntimeException e) {
      // A connection lost mid-claim (a restart, a failover, a cut) is no fault of the drill: the
      // round fails and the dispatcher tries again as soon as the database answers.
      if (claimed[0] == 0 || DatabaseAway.causes(e)) {
        throw e;
      }
      LOG.errorf(
          e, "Drill %d could not be advanced; it is tried again in %s", claimed[0], RETRY_BROKEN);
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  Drill.update(
                      "nextDueAt = ?1 where id = ?2", now().plus(RETRY_BROKEN), claimed[0]));
      return true;
    }
  }

  private boolean deliverOne(long[] claimed) {
    Instant now = now();
    Optional<Drill> due =
        Drill.<Drill>find("nextDueAt <= ?1 order by nextDueAt", now)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
            .page(0, 1)
            .firstResultOptional();
    if (due.isEmpty()) {
      return false;
    }
    Drill drill = due.get();
    claimed[0] = drill.id;
    Scenario scenario = scenarios.of(drill);
    DrillState state = folded(drill.id);
    // Stamped after the claim and the fold, so a delivery never looks older than its commit.
    save(new Locked(drill, scenario, state), DrillEngine.due(state, scenario, now()));
    return true;
  }

  /**
   * How long until the earliest drill comes due by the schedule in the database (negative when one
   * is overdue); empty when no drill waits for anything.
   */
  public Optional<Duration> untilNextDue() {
    Instant next =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Drill.getEntityManager()
                        .createQuery("select min(d.nextDueAt) from Drill d", Instant.class)
                        .getSingleResult());
    return Optional.ofNullable(next).map(due -> Duration.between(now(), due));
  }

  /** Hibernate's lock time-out value that asks for SKIP LOCKED. */
  static final int SKIP_LOCKED = -2;

  /**
   * The drill as the log has it now. A node keeps the newest snapshot of the drills it served and
   * reads only the events appended since, so pages, live streams and commands on a long drill read
   * a few rows rather than its whole log.
   */
  public Snapshot snapshot(long drillId) {
    Snapshot known = recentSnapshots.get(drillId);
    Snapshot snapshot;
    if (known != null) {
      snapshot = refreshed(known);
    } else {
      Drill drill = Drill.findById(drillId);
      if (drill == null) {
        throw new Missing("There is no drill " + drillId + ".");
      }
      List<DrillEvent> events = log.events(drillId);
      snapshot = new Snapshot(drill, scenarios.of(drill), DrillState.fold(events), events);
    }
    if (recentSnapshots.size() >= MAX_RECENT && !recentSnapshots.containsKey(drillId)) {
      recentSnapshots.clear();
    }
    recentSnapshots.merge(
        drillId, snapshot, (a, b) -> a.state().lastSeq() >= b.state().lastSeq() ? a : b);
    return snapshot;
  }

  /**
   * The snapshot with the events appended since it was taken, folded onto its state (the log only
   * grows, so this equals a fresh snapshot); the same snapshot when nothing was appended.
   */
  private Snapshot refreshed(Snapshot snapshot) {
    List<DrillEvent> fresh = log.after(snapshot.drill().id, snapshot.state().lastSeq());
    if (fresh.isEmpty()) {
      return snapshot;
    }
    DrillState state = snapshot.state();
    for (DrillEvent event : fresh) {
      state = state.apply(event);
    }
    List<DrillEvent> events = new ArrayList<>(snapshot.events().size() + fresh.size());
    events.addAll(snapshot.events());
    events.addAll(fresh);
    return new Snapshot(snapshot.drill(), snapshot.scenario(), state, List.copyOf(events));
  }

  /** The drill, if the viewer runs it; another facilitator's drill is refused. */
  public Snapshot owned(Viewer viewer, long drillId) {
    Snapshot snapshot = snapshot(drillId);
    requireOwner(viewer, snapshot.drill());
    return snapshot;
  }

  private void control(
      Viewer viewer,
      long drillId,
      AuditAction action,
      Function<Locked, List<DrillEvent>> command,
      String detail) {
    Locked locked = lock(drillId);
    requireOwner(viewer, locked.drill());
    save(locked, command.apply(locked));
    audit.record(viewer, action, about(locked.drill()), detail);
  }

  private void assess(
      Viewer viewer,
      long drillId,
      AuditAction action,
      Function<Locked, DrillEvent> command,
      String detail) {
    Locked locked = lock(drillId);
    requireAssessor(viewer, locked.drill());
    save(locked, List.of(command.apply(locked)));
    audit.record(viewer, action, about(locked.drill()), detail);
  }

  private static void requireAssessor(Viewer viewer, Drill drill) {
    boolean evaluates = viewer.has(Roles.EVALUATOR) && !drill.dryRun;
    if (!evaluates && !drill.runBy(viewer.requireUser().id())) {
      throw new ForbiddenException("Only evaluators and the drill's facilitator can assess it.");
    }
  }

  private Locked lock(long drillId) {
    Drill drill = Drill.findById(drillId, LockModeType.PESSIMISTIC_WRITE);
    if (drill == null) {
      throw new Missing("There is no drill " + drillId + ".");
    }
    return new Locked(drill, scenarios.of(drill), folded(drillId));
  }

  /**
   * The drill's state, for a caller holding its row lock: under the lock the log only grows, so the
   * newest snapshot this node knows plus the rows appended since is the drill as it is.
   */
  private DrillState folded(long drillId) {
    return snapshot(drillId).state();
  }

  private void save(Locked locked, List<DrillEvent> events) {
    DrillState state = locked.state();
    for (DrillEvent event : events) {
      state = state.apply(event);
    }
    log.append(locked.drill().id, events);
    Drill drill = locked.drill();
    drill.status = state.status().key();
    drill.nextDueAt =
        DrillEngine.nextDueWall(state, locked.scenario()).map(Drills::ceilMillis).orElse(null);
    if (!events.isEmpty()) {
      changed.fire(new DrillChanged(drill.id, state.lastSeq(), state.status()));
    }
  }

  private static void requireOwner(Viewer viewer, Drill drill) {
    if (!drill.runBy(viewer.requireUser().id())) {
      throw new ForbiddenException("Only the facilitator who runs this drill can manage it.");
    }
  }

  private static long persistTeam(Drill drill, String name) {
    Team team = new Team();
    team.drillId = drill.id;
    team.name = name;
    team.persist();
    return team.id;
  }

  private static List<String> teamNames(List<String> raw) {
    List<String> names = new ArrayList<>();
    for (String line : raw == null ? List.<String>of() : raw) {
      if (line != null && !line.isBlank()) {
        String name = teamName(line);
        if (names.stream().anyMatch(name::equalsIgnoreCase)) {
          throw new Invalid("Two teams are called " + name + "; give each team its own name.");
        }
        names.add(name);
      }
    }
    if (names.isEmpty() || names.size() > MAX_TEAMS) {
      throw new Invalid("Name 1 to " + MAX_TEAMS + " teams, one per line.");
    }
    return names;
  }

  private static String teamName(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()
        || name.length() > MAX_TEAM_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new Invalid(
          "A team name has 1 to " + MAX_TEAM_NAME + " characters and no control characters.");
    }
    return name;
  }

  private static String about(Drill drill) {
    return "drill " + drill.id + " (" + drill.title + ")";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The dispatcher compares with whole milliseconds, so a due time is rounded up to one. */
  private static Instant ceilMillis(Instant at) {
    Instant down = at.truncatedTo(ChronoUnit.MILLIS);
    return down.equals(at) ? at : down.plusMillis(1);
  }
}
