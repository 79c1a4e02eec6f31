package io.breachdrill.drill.engine;

/** Drill time as people read it on a clock: H:MM:SS. */
public final class DrillTimes {

  private DrillTimes() {}

  public static String format(long millis) {
    // By hand: every feed item of every page shows a time, and String.format's parsing of its
    // pattern was a tenth of a loaded node's CPU.
    long seconds = Math.max(0, millis) / 1000;
    StringBuilder text = new StringBuilder(8).append(seconds / 3600).append(':');
    twoDigits(text, seconds / 60 % 60).append(':');
    return twoDigits(text, seconds % 60).toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, long value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
