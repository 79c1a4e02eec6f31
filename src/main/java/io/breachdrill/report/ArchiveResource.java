package io.breachdrill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drill;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A drill as one JSON file: downloaded by its readers, uploaded by a facilitator on another
 * installation, which makes it a new drill of theirs.
 */
@Path("/drills")
public class ArchiveResource {

  private final DrillExporter exporter;
  private final DrillImporter importer;
  private final Viewer viewer;
  private final ObjectMapper json;

  ArchiveResource(
      DrillExporter exporter, DrillImporter importer, Viewer viewer, ObjectMapper json) {
    this.exporter = exporter;
    this.importer = importer;
    this.viewer = viewer;
    this.json = json;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance upload(List<String> problems, int maxKib);
  }

  @GET
  @Path("{drill}/export.json")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
  public Response export(@PathParam("drill") long drillId) throws JsonProcessingException {
    DrillArchive archive = exporter.export(viewer, drillId);
    byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(archive);
    return Response.ok(body, MediaType.APPLICATION_JSON)
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + DrillExporter.fileName(archive) + "\"")
        .build();
  }

  @GET
  @Path("import")
  @Produces(MediaType.TEXT_HTML)
  @RolesAllowed(Roles.FACILITATOR)
  public TemplateInstance form() {
    return Templates.upload(List.of(), DrillArchive.MAX_BYTES / 1024);
  }

  @POST
  @Path("import")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  @RolesAllowed(Roles.FACILITATOR)
  public Response upload(@RestForm("file") FileUpload file) {
    try {
      Drill drill = importer.importDrill(viewer, read(file));
      return Response.seeOther(URI.create("/drills/" + drill.id)).build();
    } catch (ArchiveRefused refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.upload(refused.problems(), DrillArchive.MAX_BYTES / 1024))
          .build();
    }
  }

  /** The uploaded bytes; a file over the limit is refused before it is read into memory. */
  private static byte[] read(FileUpload file) {
    if (file == null || file.uploadedFile() == null || file.size() == 0) {
      throw new ArchiveRefused(
          "choose the drill file to import (a .json file exported from a drill).");
    }
    if (file.size() > DrillArchive.MAX_BYTES) {
      throw new ArchiveRefused(
          "the file is "
              + file.size()
              + " bytes; drill files are limited to "
              + DrillArchive.MAX_BYTES
              + " bytes (1.5 MiB).");
    }
    try {
      return Files.readAllBytes(file.uploadedFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
