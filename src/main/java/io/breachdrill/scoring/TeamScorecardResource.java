package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.web.Conflict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A participant's own team's scorecard, once the drill has finished; never another team's. */
@Path("/teams/{team}/scorecard")
@RolesAllowed(Roles.PARTICIPANT)
@Produces(MediaType.TEXT_HTML)
public class TeamScorecardResource {

  private final Drills drills;
  private final Viewer viewer;

  TeamScorecardResource(Drills drills, Viewer viewer) {
    this.drills = drills;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance scorecard(
        ScorecardView card, long teamId, TimelineChart timeline);
  }

  @GET
  public TemplateInstance page(@PathParam("team") long teamId) {
    TeamSeat seat = viewer.requireSeat();
    if (seat.teamId() != teamId) {
      throw new ForbiddenException("This is not your team.");
    }
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
