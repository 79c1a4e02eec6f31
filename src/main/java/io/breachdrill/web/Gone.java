package io.breachdrill.web;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** A 410 for something that existed and is over (an expired link); its message is shown. */
public class Gone extends ClientErrorException {

  public Gone(String detail) {
    super(detail, Response.Status.GONE);
  }
}
