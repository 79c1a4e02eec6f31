package io.breachdrill.drill;

/** A join form the participant must correct. */
class JoinRefused extends RuntimeException {

  JoinRefused(String message) {
    super(message);
  }
}
