package io.breachdrill.web;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** A 409 for a request that the current state does not allow; its message is shown. */
public class Conflict extends ClientErrorException {

  public Conflict(String detail) {
    super(detail, Response.Status.CONFLICT);
  }
}
