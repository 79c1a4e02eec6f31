package io.breachdrill.drill.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Drill time as a function of wall time: while running, {@code anchorDrill} plus the wall time
 * since {@code anchorWall} at {@code speed}; while stopped, {@code anchorDrill}. Pausing and speed
 * changes re-anchor, so no paused wall time ever counts and every change is exact to the
 * nanosecond.
 */
public record DrillClock(boolean running, Instant anchorWall, Duration anchorDrill, Speed speed) {

  public static DrillClock stopped(Speed speed) {
    return new DrillClock(false, null, Duration.ZERO, speed);
  }

  public Duration at(Instant wall) {
    if (!running || !wall.isAfter(anchorWall)) {
      return anchorDrill;
    }
    return anchorDrill.plus(speed.drill(Duration.between(anchorWall, wall)));
  }

  DrillClock run(Instant wall) {
    return running ? this : new DrillClock(true, wall, anchorDrill, speed);
  }

  DrillClock stop(Instant wall) {
    return running ? new DrillClock(false, null, at(wall), speed) : this;
  }

  DrillClock withSpeed(Speed newSpeed, Instant wall) {
    return running
        ? new DrillClock(true, wall, at(wall), newSpeed)
        : new DrillClock(false, null, anchorDrill, newSpeed);
  }

  /** The first wall instant at which the given drill time has come; empty while stopped. */
  public Optional<Instant> wallWhen(Duration drillTime) {
    if (!running) {
      return Optional.empty();
    }
    Duration ahead = drillTime.minus(anchorDrill);
    return Optional.of(ahead.isNegative() ? anchorWall : anchorWall.plus(speed.wall(ahead)));
  }
}
