package io.breachdrill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.SignedInUser;
import io.breachdrill.account.Tokens;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.JoinLink;
import io.breachdrill.drill.Participant;
import io.breachdrill.drill.Team;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.EventData;
import io.breachdrill.report.ArchiveCheck.Checked;
import io.breachdrill.report.DrillArchive.ImprovementPart;
import io.breachdrill.report.DrillArchive.ParticipantPart;
import io.breachdrill.report.DrillArchive.ScenarioPart;
import io.breachdrill.report.DrillArchive.TeamPart;
import io.breachdrill.scenario.ScenarioVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a new drill from a {@link DrillArchive} written elsewhere, owned by the facilitator who
 * imports it. Everything is checked before the first row is written, and all of it is written in
 * one transaction, so a refused file leaves nothing behind.
 */
@ApplicationScoped
public class DrillImporter {

  /** The longest event data the log's column holds. */
  static final int MAX_EVENT_DATA = 20000;

  private final Drills drills;
  private final AuditLog audit;
  private final InstantSource clock;
  private final ObjectMapper json;
  private final ObjectReader reader;

  DrillImporter(Drills drills, AuditLog audit, InstantSource clock, ObjectMapper json) {
    this.drills = drills;
    this.audit = audit;
    this.clock = clock;
    this.json = json;
    this.reader = ArchiveCheck.reader(json);
  }

  /** The new drill, or an {@link ArchiveRefused} that lists what is wrong with the file. */
  @Transactional
  public Drill importDrill(Viewer viewer, byte[] file) {
    SignedInUser user = viewer.requireUser();
    Checked checked = ArchiveCheck.check(ArchiveCheck.read(reader, file));
    checkDataFits(checked.events());
    DrillArchive archive = checked.archive();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

    ScenarioPart part = archive.scenario();
    boolean known = ScenarioVersion.findVersion(part.id(), part.contentHash()).isPresent();
    ScenarioVersion version =
        ScenarioVersion.findOrStore(
            part.id(), part.contentHash(), part.title(), part.fileName(), part.source(), now);

    Drill drill = new Drill();
    drill.title = archive.drill().title();
    drill.scenarioId = part.id();
    drill.scenarioVersionId = version.id;
    drill.facilitatorId = user.id();
    drill.createdAt = archive.drill().createdAt();
    drill.status = checked.state().status().key();
    drill.persist();

    Map<Long, Long> teams = new HashMap<>();
    for (TeamPart team : archive.teams()) {
      Team row = new Team();
      row.drillId = drill.id;
      row.name = team.name();
      row.persist();
      teams.put(team.id(), row.id);
    }
    Map<Long, Long> participants = new HashMap<>();
    Map<Long, Long> links = new HashMap<>();
    for (ParticipantPart p : archive.participants()) {
      long teamId = teams.get(p.teamId());
      Participant row = new Participant();
      row.teamId = teamId;
      row.joinLinkId = links.computeIfAbsent(teamId, t -> importLink(t, drill, user, now));
      row.displayName = p.name();
      row.teamRole = p.role();
      row.joinedAt = p.joinedAt();
      row.persist();
      participants.put(p.id(), row.id);
    }
    for (ImprovementPart item : archive.improvementItems()) {
      ImprovementItem row = new ImprovementItem();
      row.drillId = drill.id;
      row.stepId = item.stepId();
      row.issue = item.issue();
      row.correctiveAction = item.correctiveAction();
      row.controlArea = item.controlArea();
      row.owner = item.owner();
      row.due = item.due();
      row.status = item.status();
      row.createdAt = item.createdAt();
      row.updatedAt = item.updatedAt();
      row.persist();
    }
    List<DrillEvent> events = new ArrayList<>();
    for (DrillEvent e : checked.events()) {
      events.add(
          new DrillEvent(
              e.seq(),
              e.type(),
              e.teamId() == null ? null : teams.get(e.teamId()),
              e.at(),
              e.drillMs(),
              e.actor(),
              withParticipant(
                  e.data(),
                  e.data().participantId() == null
                      ? null
                      : participants.get(e.data().participantId()))));
    }
    // Last, so the stored scores it writes for a finished drill see every row above.
    drills.restore(drill, events);
    audit.record(
        viewer,
        AuditAction.DRILL_IMPORTED,
        "drill " + drill.id + " (" + drill.title + ")",
        "from drill "
            + archive.drill().id()
            + (archive.drill().facilitator() == null
                ? ""
                : " run by " + archive.drill().facilitator())
            + " elsewhere; scenario "
            + part.id()
            + " version "
            + part.contentHash().substring(0, 12)
            + (known ? " (already known here)" : " (stored anew)")
            + ", "
            + archive.teams().size()
            + " teams, "
            + archive.participants().size()
            + " participants, "
            + events.size()
            + " events, "
            + archive.improvementItems().size()
            + " improvement items");
    return drill;
  }

  /**
   * Participants need a join link; theirs was on another installation. Each team gets one made
   * already revoked, so it records where its participants came from and never lets anyone in.
   */
  private static long importLink(long teamId, Drill drill, SignedInUser user, Instant now) {
    JoinLink link = new JoinLink();
    link.teamId = teamId;
    link.token = Tokens.random();
    link.note = "Imported with the drill's file; never usable";
    link.createdBy = user.id();
    link.createdAt = now;
    link.revokedAt = now;
    link.persist();
    return link.id;
  }

  private void checkDataFits(List<DrillEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      int length;
      try {
        length = json.writeValueAsString(events.get(i).data()).length();
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      if (length > MAX_EVENT_DATA) {
        throw new ArchiveRefused(
            "events["
                + i
                + "].data is "
                + length
                + " characters as JSON; the log keeps at most "
                + MAX_EVENT_DATA
                + ".");
      }
    }
  }

  /** The same data naming this installation's participant instead of the file's. */
  static EventData withParticipant(EventData d, Long participantId) {
    return d.participantId() == null ? d : d.withParticipantId(participantId);
  }
}
