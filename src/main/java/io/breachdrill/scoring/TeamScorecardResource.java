package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.DryRuns;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.web.Conflict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A participant's own team's scorecard, once the drill has finished; never another team's. The
 * facilitator of a dry run reads the one of the team they played.
 */
@Path("/teams/{team}/scorecard")
@RolesAllowed({Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class TeamScorecardResource {

  private final Drills drills;
  private final DryRuns dryRuns;
  private final Viewer viewer;

  TeamScorecardResource(Drills drills, DryRuns dryRuns, Viewer viewer) {
    this.drills = drills;
    this.dryRuns = dryRuns;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance scorecard(
        ScorecardView card, long teamId, TimelineChart timeline);
  }

  @GET
  public TemplateInstance page(@PathParam("team") long teamId) {
    TeamSeat seat = dryRuns.seat(viewer, teamId);
    Drills.Snapshot snapshot = drills.snapshot(seat.drillId());
    if (snapshot.state().status() != DrillStatus.FINISHED) {
      throw new Conflict("Your team's scorecard opens when the drill has finished.");
    }
    ScorecardView all =
        ScorecardView.of(
            snapshot.drill().id,
            snapshot.state().title(),
            snapshot.state().status().label(),
            snapshot.scenario(),
            Scorer.score(snapshot.scenario(), snapshot.state()));
    ScorecardView mine =
        new ScorecardView(
            all.drillId(),
            all.title(),
            all.scenarioTitle(),
            all.status(),
            all.maximum(),
            all.lateFloorPercent(),
            all.teams().stream().filter(t -> t.id() == teamId).toList());
    DrillState own = snapshot.state().withOnly(teamId);
    return Templates.scorecard(mine, teamId, TimelineChart.of(own, snapshot.scenario()));
  }
}
