package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A drill's scorecard as JSON, for the same readers as the page. */
@Path("/api/drills/{drill}/scorecard")
@RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardApi {

  private final Drills drills;
  private final Viewer viewer;

  ScorecardApi(Drills drills, Viewer viewer) {
    this.drills = drills;
    this.viewer = viewer;
  }

  @GET
  @Operation(summary = "The drill's scorecard: every team's score, steps, breakdowns and timings")
  public Scorecard scorecard(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = drills.readable(viewer, drillId);
    return Scorer.score(snapshot.scenario(), snapshot.state());
  }
}
