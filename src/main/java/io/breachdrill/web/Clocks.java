package io.breachdrill.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;

/** The one clock all code reads, so tests can move time instead of sleeping. */
@ApplicationScoped
public class Clocks {

  @Produces
  @ApplicationScoped
  InstantSource clock() {
    return InstantSource.system();
  }
}
