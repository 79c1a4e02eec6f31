package io.breachdrill.drill;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Tokens;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.scenario.ScenarioVersion;
import io.breachdrill.web.Conflict;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Dry runs: a facilitator plays a scenario's current version (or a draft from the editor) alone, as
 * the one team of a drill flagged {@code dry_run}, at the fastest speed. The facilitator keeps
 * their own session and holds a seat in that team as a participant; the seat is recognised only for
 * a dry run they run, so no staff user ever gets into a real drill's team.
 */
@ApplicationScoped
public class DryRuns {

  static final String TEAM_NAME = "Dry run";
  static final String TITLE_PREFIX = "Dry run: ";

  private final Drills drills;
  private final DrillScenarios scenarios;
  private final ScenarioCatalog catalog;
  private final AuditLog audit;
  private final InstantSource clock;

  DryRuns(
      Drills drills,
      DrillScenarios scenarios,
      ScenarioCatalog catalog,
      AuditLog audit,
      InstantSource clock) {
    this.drills = drills;
    this.scenarios = scenarios;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Creates a dry run of the scenario's current version with one team, seats the facilitator in it
   * under the scenario's first role (alone in the team, they see every inject whatever its
   * audience) and starts it at the fastest speed. Returns the team to play.
   */
  @Transactional
  public Team start(Viewer viewer, String scenarioId) {
    return start(viewer, catalog.currentVersion(scenarioId));
  }

  /** The same for a given version: the current one, or a draft from the editor. */
  @Transactional
  public Team start(Viewer viewer, ScenarioVersion version) {
    SignedInUser user = viewer.requireUser();
    String scenarioId = version.scenarioId;
    String title = clip(TITLE_PREFIX + version.title, DrillEngine.MAX_TITLE);
    Drill drill = drills.create(user, version, title, List.of(TEAM_NAME), Speed.FASTEST, true);
    Team team = drill.teams().get(0);
    Instant now = clock.instant();
    // A participant row needs the link it came through; this one is withdrawn as it is made, so
    // nobody can follow it into the facilitator's dry run.
    JoinLink link = new JoinLink();
    link.teamId = team.id;
    link.token = Tokens.random();
    link.note = "The facilitator's own seat in a dry run";
    link.createdBy = user.id();
    link.createdAt = now;
    link.revokedAt = now;
    link.persist();
    String role = scenarios.of(drill).roles().get(0);
    Participant participant = new Participant();
    participant.teamId = team.id;
    participant.joinLinkId = link.id;
    participant.displayName = clip(user.displayName(), JoinLinks.MAX_NAME);
    participant.teamRole = role;
    participant.joinedAt = now;
    participant.persist();
    drills.joined(drill.id, team.id, new Member(participant.id, participant.displayName, role));
    drills.start(viewer, drill.id);
    audit.record(
        viewer,
        AuditAction.DRY_RUN_STARTED,
        "drill " + drill.id + " (" + drill.title + "), team " + team.name,
        "scenario "
            + scenarioId
            + " at "
            + Speed.FASTEST.label()
            + ", played by the facilitator as participant "
            + participant.id
            + " ("
            + role
            + ")");
    return team;
  }

  /** Finishes the viewer's own dry run; a real drill is finished from its console. */
  @Transactional
  public Drill finish(Viewer viewer, long drillId) {
    Drill drill = drills.owned(viewer, drillId).drill();
    if (!drill.dryRun) {
      throw new Conflict("This drill is not a dry run; finish it from its console.");
    }
    drills.finish(viewer, drillId);
    return drill;
  }

  /**
   * The seat whoever asks holds in a team: a participant's own team, or the seat a staff user holds
   * in a dry run they run. Anything else is refused.
   */
  public TeamSeat seat(Viewer viewer, long teamId) {
    Optional<TeamSeat> participant = viewer.seat();
    if (participant.isPresent()) {
      if (participant.get().teamId() != teamId) {
        throw new ForbiddenException("This is not your team.");
      }
      return participant.get();
    }
    return viewer
        .user()
        .flatMap(user -> dryRunSeat(user, teamId))
        .orElseThrow(() -> new ForbiddenException("This is not your team."));
  }

  /** The team of a dry run and its drill, when the viewer runs it; empty for any other team. */
  public Optional<DryRun> ofTeam(Viewer viewer, long teamId) {
    return viewer
        .user()
        .flatMap(user -> dryRunOf(user, teamId))
        .map(drill -> new DryRun(drill.id, drill.scenarioId, teamId));
  }

  /** A dry run as its team page links it: the drill to finish and the scenario to go back to. */
  public record DryRun(long drillId, String scenarioId, long teamId) {}

  private Optional<TeamSeat> dryRunSeat(SignedInUser user, long teamId) {
    return dryRunOf(user, teamId)
        .flatMap(
            drill ->
                Participant.<Participant>find(
                        "teamId = ?1 and joinLinkId in"
                            + " (select l.id from JoinLink l where l.createdBy = ?2) order by id",
                        teamId,
                        user.id())
                    .firstResultOptional()
                    .map(p -> new TeamSeat(p.id, drill.id, teamId, p.displayName)));
  }

  /** The drill of the team, if it is a dry run the user runs. */
  private static Optional<Drill> dryRunOf(SignedInUser user, long teamId) {
    Team team = Team.findById(teamId);
    Drill drill = team == null ? null : Drill.findById(team.drillId);
    return drill != null && drill.dryRun && drill.runBy(user.id())
        ? Optional.of(drill)
        : Optional.empty();
  }

  /** At most {@code max} characters, never splitting one made of two UTF-16 units. */
  private static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
