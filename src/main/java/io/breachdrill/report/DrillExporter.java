package io.breachdrill.report;

import io.breachdrill.account.AuditAction;
import io.breachdrill.account.AuditLog;
import io.breachdrill.account.User;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.Team;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.report.DrillArchive.DrillPart;
import io.breachdrill.report.DrillArchive.EventPart;
import io.breachdrill.report.DrillArchive.ImprovementPart;
import io.breachdrill.report.DrillArchive.ParticipantPart;
import io.breachdrill.report.DrillArchive.ScenarioPart;
import io.breachdrill.report.DrillArchive.TeamPart;
import io.breachdrill.scenario.ScenarioVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Writes one drill, for its readers, as a {@link DrillArchive}; every export is audited. */
@ApplicationScoped
public class DrillExporter {

  private final Drills drills;
  private final AuditLog audit;
  private final InstantSource clock;

  DrillExporter(Drills drills, AuditLog audit, InstantSource clock) {
    this.drills = drills;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public DrillArchive export(Viewer viewer, long drillId) {
    Drills.Snapshot snapshot = drills.readable(viewer, drillId);
    Drill drill = snapshot.drill();
    DrillState state = snapshot.state();
    ScenarioVersion version = ScenarioVersion.findById(drill.scenarioVersionId);
    User facilitator = User.findById(drill.facilitatorId);
    List<DrillEvent> events = snapshot.events();
    DrillArchive archive =
        new DrillArchive(
            DrillArchive.FORMAT,
            DrillArchive.VERSION,
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            new ScenarioPart(
                version.scenarioId,
                version.contentHash,
                version.title,
                version.fileName,
                version.source),
            new DrillPart(
                drill.id,
                drill.title,
                drill.createdAt,
                state.status().key(),
                state.speed().factor(),
                facilitator == null ? null : facilitator.displayName),
            Team.<Team>list("drillId = ?1 order by id", drillId).stream()
                .map(t -> new TeamPart(t.id, t.name))
                .toList(),
            participants(events),
            events.stream()
                .map(
                    e ->
                        new EventPart(
                            e.seq(),
                            e.type(),
                            e.teamId(),
                            e.at(),
                            e.drillMs(),
                            e.actor(),
                            e.data()))
                .toList(),
            ImprovementItem.<ImprovementItem>list("drillId = ?1 order by id", drillId).stream()
                .map(
                    i ->
                        new ImprovementPart(
                            i.stepId,
                            i.issue,
                            i.correctiveAction,
                            i.controlArea,
                            i.owner,
                            i.due,
                            i.status,
                            i.createdAt,
                            i.updatedAt))
                .toList());
    audit.record(
        viewer,
        AuditAction.DRILL_EXPORTED,
        "drill " + drill.id + " (" + drill.title + ")",
        events.size()
            + " events, "
            + archive.teams().size()
            + " teams, scenario "
            + version.scenarioId
            + " version "
            + version.contentHash.substring(0, 12));
    return archive;
  }

  /** Participants as the log knows them: whoever joined, with the name and role they gave. */
  private static List<ParticipantPart> participants(List<DrillEvent> events) {
    return events.stream()
        .filter(e -> e.type() == EventType.PARTICIPANT_JOINED)
        .map(
            e ->
                new ParticipantPart(
                    e.data().participantId(), e.teamId(), e.data().name(), e.data().role(), e.at()))
        .toList();
  }

  /** A file name with the drill's id and a tame form of its title. */
  static String fileName(DrillArchive archive) {
    String slug = archive.drill().title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    return "drill-" + archive.drill().id() + (slug.isEmpty() ? "" : "-" + slug) + ".json";
  }
}
