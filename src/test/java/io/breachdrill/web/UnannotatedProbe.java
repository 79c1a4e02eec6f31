package io.breachdrill.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A route that forgot to say who may use it, as a new one might: it must be refused. */
@Path("/test-only/unannotated")
public class UnannotatedProbe {

  @GET
  public String reach() {
    return "reached";
  }
}
