package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import io.breachdrill.web.Invalid;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    byte[] bytes;
    if (upload != null && upload.size() > 0) {
      try {
        bytes = Files.readAllBytes(upload.uploadedFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      bytes = (text == null ? "" : text.replace("\r\n", "\n")).getBytes(StandardCharsets.UTF_8);
    }
    ScenarioFile file = ScenarioReader.read("draft.yaml", bytes);
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
