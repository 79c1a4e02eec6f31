package io.breachdrill.scenario;

import io.breachdrill.account.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The scenario library in the browser: the list on the home page and one page per scenario. */
@Path("/scenarios")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class ScenarioResource {

  private final ScenarioCatalog catalog;

  ScenarioResource(ScenarioCatalog catalog) {
    this.catalog = catalog;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index(
        List<ScenarioSummary> scenarios, List<ScenarioFile> rejected);

    static native TemplateInstance show(ScenarioPage page);
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance index() {
    return Templates.index(
        catalog.scenarios().stream().map(ScenarioSummary::of).toList(), catalog.rejected());
  }

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public TemplateInstance show(@PathParam("id") String id) {
    ScenarioFile file = catalog.require(id);
    return Templates.show(ScenarioPage.of(file.scenario(), file.sha256()));
  }
}
