package io.breachdrill.drill.engine;

/** Drill time as people read it on a clock: H:MM:SS. */
public final class DrillTimes {

  private DrillTimes() {}

  public static String format(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
