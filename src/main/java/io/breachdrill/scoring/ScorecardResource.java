package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A drill's scorecard: for the facilitator who runs it, and for evaluators and managers, who may
 * read any drill's. Scored afresh from the drill's events on every request.
 */
@Path("/drills/{drill}/scorecard")
@RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class ScorecardResource {

  private final Drills drills;
  private final Viewer viewer;

  ScorecardResource(Drills drills, Viewer viewer) {
    this.drills = drills;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance scorecard(ScorecardView card);
  }

  @GET
  public TemplateInstance page(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = readable(drills, viewer, drillId);
    Scorecard card = Scorer.score(snapshot.scenario(), snapshot.events());
    return Templates.scorecard(
        ScorecardView.of(
            drillId,
            snapshot.drill().title,
            snapshot.state().status().label(),
            snapshot.scenario(),
            card));
  }

  /** Evaluators and managers read any drill; a facilitator only the drills they run. */
  static Drills.Snapshot readable(Drills drills, Viewer viewer, long drillId) {
    if (viewer.has(Roles.EVALUATOR) || viewer.has(Roles.MANAGER)) {
      return drills.snapshot(drillId);
    }
    return drills.owned(viewer, drillId);
  }
}
