package io.breachdrill.drill;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Tokens;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.web.Gone;
import io.breachdrill.web.Invalid;
import io.breachdrill.web.Missing;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Join links and what they lead to: a facilitator makes them for the teams of their own drills;
 * whoever follows one joins that team and nothing else.
 */
@ApplicationScoped
public class JoinLinks {

  static final int MAX_NAME = 60;
  static final int MAX_NOTE = 200;

  /** What a join link offers: the team, its drill and the team roles to choose from. */
  public record Offer(JoinLink link, Team team, Drill drill, List<String> roles) {}

  private final AuditLog audit;
  private final DrillScenarios scenarios;
  private final Drills drills;
  private final InstantSource clock;

  JoinLinks(AuditLog audit, DrillScenarios scenarios, Drills drills, InstantSource clock) {
    this.audit = audit;
    this.scenarios = scenarios;
    this.drills = drills;
    this.clock = clock;
  }

  /** The drill, if the viewer runs it; another facilitator's drill is refused. */
  public Drill owned(Viewer viewer, long drillId) {
    SignedInUser user = viewer.requireUser();
    Drill drill = Drill.findById(drillId);
    if (drill == null) {
      throw new Missing("There is no drill " + drillId + ".");
    }
    if (!drill.runBy(user.id())) {
      throw new ForbiddenException("Only the facilitator who runs this drill can manage it.");
    }
    return drill;
  }

  @Transactional
  public JoinLink create(
      Viewer viewer, long drillId, long teamId, Optional<Duration> validity, String note) {
    Drill drill = owned(viewer, drillId);
    Team team = teamOf(drill, teamId);
    String cleanNote = note == null ? "" : note.strip();
    if (cleanNote.length() > MAX_NOTE) {
      throw new Invalid("Keep the note to " + MAX_NOTE + " characters.");
    }
    Instant now = clock.instant();
    JoinLink link = new JoinLink();
    link.teamId = team.id;
    link.token = Tokens.random();
    link.note = cleanNote.isEmpty() ? null : cleanNote;
    link.createdBy = viewer.requireUser().id();
    link.createdAt = now;
    link.expiresAt = validity.map(now::plus).orElse(null);
    link.persist();
    audit.record(
        viewer,
        AuditAction.JOIN_LINK_CREATED,
        where(drill, team),
        "link " + link.id + validity.map(v -> ", valid for " + v).orElse(", never expires"));
    return link;
  }

  @Transactional
  public void revoke(Viewer viewer, long drillId, long linkId) {
    Drill drill = owned(viewer, drillId);
    JoinLink link = JoinLink.findById(linkId);
    Team team = link == null ? null : Team.findById(link.teamId);
    if (team == null || !team.drillId.equals(drill.id)) {
      throw new Missing("There is no join link " + linkId + " in this drill.");
    }
    if (link.revokedAt == null) {
      link.revokedAt = clock.instant();
      audit.record(viewer, AuditAction.JOIN_LINK_REVOKED, where(drill, team), "link " + link.id);
    }
  }

  /** What a join link offers now; a 404 or 410 with a message for the person holding it. */
  public Offer offer(String token) {
    JoinLink link =
        JoinLink.byToken(token)
            .orElseThrow(
                () ->
                    new Missing("This join link does not exist. Check that you copied all of it."));
    if (link.revokedAt != null) {
      throw new Gone("This join link was withdrawn by the facilitator. Ask them for a new one.");
    }
    if (!link.usable(clock.instant())) {
      throw new Gone("This join link has expired. Ask your facilitator for a new one.");
    }
    Team team = Team.findById(link.teamId);
    Drill drill = Drill.findById(team.drillId);
    if (DrillStatus.FINISHED.key().equals(drill.status)) {
      throw new Gone("This drill has finished; there is nothing left to join.");
    }
    return new Offer(link, team, drill, scenarios.of(drill).roles());
  }

  /** Adds a participant to the link's team and returns the seat their session is scoped to. */
  @Transactional
  public TeamSeat join(String token, String displayName, String teamRole) {
    Offer offer = offer(token);
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
      throw new JoinRefused(
          "Enter the name your team knows you by (1 to " + MAX_NAME + " characters).");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new JoinRefused("Your name cannot contain control characters.");
    }
    String role = teamRole == null ? "" : teamRole.strip();
    if (!offer.roles().contains(role)) {
      throw new JoinRefused("Choose your role in the team from the list.");
    }
    Participant participant = new Participant();
    participant.teamId = offer.team().id;
    participant.joinLinkId = offer.link().id;
    participant.displayName = name;
    participant.teamRole = role;
    participant.joinedAt = clock.instant();
    participant.persist();
    drills.joined(offer.drill().id, offer.team().id, new Member(participant.id, name, role));
    TeamSeat seat = new TeamSeat(participant.id, offer.drill().id, offer.team().id, name);
    audit.record(
        AuditAction.PARTICIPANT_JOINED,
        seat.label(),
        null,
        where(offer.drill(), offer.team()),
        "as " + role + " through link " + offer.link().id);
    return seat;
  }

  private static Team teamOf(Drill drill, long teamId) {
    Team team = Team.findById(teamId);
    if (team == null || !team.drillId.equals(drill.id)) {
      throw new Missing("There is no team " + teamId + " in this drill.");
    }
    return team;
  }

  private static String where(Drill drill, Team team) {
    return "drill " + drill.id + " (" + drill.title + "), team " + team.name;
  }
}
