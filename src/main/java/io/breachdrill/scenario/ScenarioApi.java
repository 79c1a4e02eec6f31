package io.breachdrill.scenario;

import io.breachdrill.account.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The scenario library as JSON, for tools and the facilitator's own automation. */
@Path("/api/scenarios")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioApi {

  private final ScenarioCatalog catalog;

  ScenarioApi(ScenarioCatalog catalog) {
    this.catalog = catalog;
  }

  /** A scenario with the version (SHA-256 of its file) the library holds. */
  public record ScenarioDocument(String version, Scenario scenario) {}

  @GET
  @Operation(summary = "List the valid scenarios of the library")
  public List<ScenarioSummary> list() {
    return catalog.scenarios().stream().map(ScenarioSummary::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One scenario, whole, as the validator read it")
  public ScenarioDocument get(@PathParam("id") String id) {
    ScenarioFile file = catalog.require(id);
    return new ScenarioDocument(file.sha256(), file.scenario());
  }
}
