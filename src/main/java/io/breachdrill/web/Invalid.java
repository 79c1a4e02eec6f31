package io.breachdrill.web;

import jakarta.ws.rs.BadRequestException;

/** A 400 whose message says what to correct; it is shown to the user as it is. */
public class Invalid extends BadRequestException {

  public Invalid(String detail) {
    super(detail);
  }
}
