package io.breachdrill.report;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Imports a drill file through the JSON API: 201 with its address, or a 400 problem. */
@Path("/api/drills/import")
@RolesAllowed(Roles.FACILITATOR)
public class ArchiveApi {

  /** The drill the file became, and where to find it. */
  public record Imported(long id, String title, String status, String console, String report) {}

  private final DrillImporter importer;
  private final Viewer viewer;

  ArchiveApi(DrillImporter importer, Viewer viewer) {
    this.importer = importer;
    this.viewer = viewer;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Makes a new drill of yours from a drill file exported elsewhere"
              + " (GET /drills/{id}/export.json); everything in it is checked first")
  public Response importDrill(byte[] file) {
    Drill drill = importer.importDrill(viewer, file == null ? new byte[0] : file);
    return Response.created(URI.create("/api/drills/" + drill.id))
        .entity(
            new Imported(
                drill.id,
                drill.title,
                drill.status,
                "/drills/" + drill.id,
                "/drills/" + drill.id + "/report"))
        .build();
  }
}
