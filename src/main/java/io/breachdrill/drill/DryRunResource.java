package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Starts a dry run of a scenario from its page and sends the facilitator to the team they play.
 * Here rather than in {@code scenario}, which may not depend on drills.
 */
@Path("/scenarios/{scenario}/dry-run")
@RolesAllowed({Roles.FACILITATOR, Roles.ADMIN})
public class DryRunResource {

  private final DryRuns dryRuns;
  private final Viewer viewer;

  DryRunResource(DryRuns dryRuns, Viewer viewer) {
    this.dryRuns = dryRuns;
    this.viewer = viewer;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response start(@PathParam("scenario") String scenarioId) {
    Team team = dryRuns.start(viewer, scenarioId);
    return Response.seeOther(URI.create("/teams/" + team.id)).build();
  }
}
