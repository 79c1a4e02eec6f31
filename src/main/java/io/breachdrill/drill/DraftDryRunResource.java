package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.SubmittedText;
import io.breachdrill.web.Invalid;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A dry run of the text in the scenario editor, before it is saved: the editor's form posts here,
 * the text is read as the editor reads it, and a valid one is kept as a draft version to play.
 */
@Path("/dry-runs")
@RolesAllowed({Roles.FACILITATOR, Roles.ADMIN})
public class DraftDryRunResource {

  private final DryRuns dryRuns;
  private final ScenarioCatalog catalog;
  private final Viewer viewer;

  DraftDryRunResource(DryRuns dryRuns, ScenarioCatalog catalog, Viewer viewer) {
    this.dryRuns = dryRuns;
    this.catalog = catalog;
    this.viewer = viewer;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response start(@RestForm String text, @RestForm("file") FileUpload upload) {
    ScenarioFile file = SubmittedText.of(text, upload).read();
    if (!file.valid()) {
      throw new Invalid(
          "This text has "
              + file.problems().size()
              + (file.problems().size() == 1 ? " problem" : " problems")
              + " (the first: "
              + file.problems().get(0).format()
              + "). Check it in the editor and fix them before a dry run.");
    }
    String author = viewer.requireUser().displayName() + " <" + viewer.requireUser().email() + ">";
    Team team = dryRuns.start(viewer, catalog.draft(file, author));
    return Response.seeOther(URI.create("/teams/" + team.id)).build();
  }
}
