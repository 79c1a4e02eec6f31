package io.breachdrill.web;

import jakarta.ws.rs.NotFoundException;

/** A 404 whose message is written for the user and shown to them as it is. */
public class Missing extends NotFoundException {

  public Missing(String detail) {
    super(detail);
  }
}
