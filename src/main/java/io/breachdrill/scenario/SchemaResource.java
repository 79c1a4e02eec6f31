package io.breachdrill.scenario;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Serves the JSON Schema of scenario files, which editors use to complete and check them. Public:
 * it describes the file format and holds no scenario.
 */
@Path("/schema/scenario.json")
@PermitAll
public class SchemaResource {

  static final String RESOURCE = "schema/scenario.schema.json";

  @GET
  @Produces("application/schema+json")
  @Operation(summary = "The JSON Schema (draft 2020-12) of scenario files")
  public InputStream schema() {
    return Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
  }
}
