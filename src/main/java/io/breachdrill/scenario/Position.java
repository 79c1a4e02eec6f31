package io.breachdrill.scenario;

/** A 1-based line and column in a scenario file. */
public record Position(int line, int column) {

  public static final Position START = new Position(1, 1);
}
