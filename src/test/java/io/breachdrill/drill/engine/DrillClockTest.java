package io.breachdrill.drill.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DrillClockTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  @Test
  void aStoppedClockShowsItsAnchorWhateverTheWallTime() {
    DrillClock clock = DrillClock.stopped(Speed.NORMAL);
    assertThat(clock.running()).isFalse();
    assertThat(clock.at(T0)).isEqualTo(Duration.ZERO);
    assertThat(clock.at(at(Duration.ofDays(3)))).isEqualTo(Duration.ZERO);
    assertThat(clock.wallWhen(Duration.ZERO)).isEmpty();
    assertThat(clock.wallWhen(min(10))).isEmpty();
  }

  @Test
  void whileRunningDrillTimeIsWallTimeTimesSpeed() {
    DrillClock normal = DrillClock.stopped(Speed.NORMAL).run(T0);
    assertThat(normal.running()).isTrue();
    assertThat(normal.anchorWall()).isEqualTo(T0);
    assertThat(normal.at(T0)).isEqualTo(Duration.ZERO);
    assertThat(normal.at(at(Duration.ofMillis(1)))).isEqualTo(Duration.ofMillis(1));
    assertThat(normal.at(at(min(10)))).isEqualTo(min(10));

    DrillClock twice = DrillClock.stopped(new Speed(200)).run(T0);
    assertThat(twice.at(at(min(10)))).isEqualTo(min(20));

    DrillClock half = DrillClock.stopped(new Speed(50)).run(T0);
    assertThat(half.at(at(min(10)))).isEqualTo(min(5));

    DrillClock sixty = DrillClock.stopped(new Speed(6000)).run(T0);
    assertThat(sixty.at(at(Duration.ofSeconds(90)))).isEqualTo(Duration.ofMinutes(90));

    DrillClock twoAndAHalf = DrillClock.stopped(new Speed(250)).run(T0);
    assertThat(twoAndAHalf.at(at(Duration.ofMillis(3)))).isEqualTo(Duration.ofNanos(7_500_000));
  }

  @Test
  void wallTimeBeforeTheAnchorCountsNothing() {
    DrillClock clock = new DrillClock(true, T0, min(4), Speed.NORMAL);
    assertThat(clock.at(T0.minusSeconds(30))).isEqualTo(min(4));
    assertThat(clock.at(T0)).isEqualTo(min(4));
    assertThat(clock.at(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(270));
  }

  @Test
  void runningTwiceOrStoppingTwiceChangesNothing() {
    DrillClock running = DrillClock.stopped(Speed.NORMAL).run(T0);
    assertThat(running.run(at(min(5)))).isSameAs(running);
    DrillClock stopped = running.stop(at(min(3)));
    assertThat(stopped.stop(at(min(9)))).isSameAs(stopped);
  }

  @Test
  void pausedWallTimeIsExcludedExactly() {
    DrillClock clock = DrillClock.stopped(Speed.NORMAL).run(T0);
    clock = clock.stop(at(min(4)));
    assertThat(clock).isEqualTo(new DrillClock(false, null, min(4), Speed.NORMAL));
    assertThat(clock.at(at(min(4)))).isEqualTo(min(4));
    assertThat(clock.at(at(Duration.ofHours(5)))).isEqualTo(min(4));

    Duration pause = Duration.ofMinutes(17).plusMillis(3_500);
    Instant resumed = at(min(4).plus(pause));
    clock = clock.run(resumed);
    assertThat(clock.at(resumed)).isEqualTo(min(4));
    assertThat(clock.at(resumed.plusMillis(1))).isEqualTo(min(4).plusMillis(1));
    assertThat(clock.at(at(min(10).plus(pause)))).isEqualTo(min(10));

    // a second pause, at 2x, of an odd length
    clock = clock.withSpeed(new Speed(200), at(min(10).plus(pause)));
    clock = clock.stop(at(min(11).plus(pause)));
    assertThat(clock.at(at(Duration.ofDays(1)))).isEqualTo(min(12));
    Instant second = at(Duration.ofDays(1).plusNanos(1));
    clock = clock.run(second);
    assertThat(clock.at(second.plusSeconds(15))).isEqualTo(Duration.ofSeconds(12 * 60 + 30));
  }

  @Test
  void aSpeedChangeMidRunReAnchorsExactly() {
    DrillClock clock = DrillClock.stopped(Speed.NORMAL).run(T0);
    clock = clock.withSpeed(new Speed(600), at(min(10)));
    assertThat(clock).isEqualTo(new DrillClock(true, at(min(10)), min(10), new Speed(600)));
    // 10 min at 1x, then 5 min at 6x = 40 min
    assertThat(clock.at(at(min(15)))).isEqualTo(min(40));
    // drill time before the change is not rescaled
    assertThat(clock.at(at(min(10)))).isEqualTo(min(10));

    // and back to 0.5x after another minute (16 min of drill time)
    clock = clock.withSpeed(new Speed(50), at(min(11)));
    assertThat(clock.at(at(min(11)))).isEqualTo(min(16));
    assertThat(clock.at(at(min(13)))).isEqualTo(min(17));
  }

  @Test
  void aSpeedChangeWhileStoppedKeepsTheDrillTime() {
    DrillClock clock = DrillClock.stopped(Speed.NORMAL).run(T0).stop(at(min(4)));
    clock = clock.withSpeed(new Speed(300), at(min(30)));
    assertThat(clock).isEqualTo(new DrillClock(false, null, min(4), new Speed(300)));
    clock = clock.run(at(min(60)));
    assertThat(clock.at(at(min(62)))).isEqualTo(min(10));
  }

  @Test
  void wallWhenWhileRunningIsTheFirstInstantThatDrillTimeHasCome() {
    DrillClock normal = DrillClock.stopped(Speed.NORMAL).run(T0);
    assertThat(normal.wallWhen(min(10))).contains(at(min(10)));
    assertThat(normal.wallWhen(Duration.ZERO)).contains(T0);

    DrillClock twice = DrillClock.stopped(new Speed(200)).run(T0);
    assertThat(twice.wallWhen(min(10))).contains(at(min(5)));

    // re-anchored after a pause and a speed change
    DrillClock clock = new DrillClock(true, at(min(30)), min(4), new Speed(600));
    assertThat(clock.wallWhen(min(10))).contains(at(min(31)));
    assertThat(clock.at(clock.wallWhen(min(10)).orElseThrow())).isEqualTo(min(10));

    // 0.7x: 10 min of drill time takes 857.142857143 s, to the nanosecond
    DrillClock slow = DrillClock.stopped(new Speed(70)).run(T0);
    Instant when = slow.wallWhen(min(10)).orElseThrow();
    assertThat(when).isEqualTo(T0.plusNanos(857_142_857_143L));
    assertThat(slow.at(when)).isGreaterThanOrEqualTo(min(10));
    assertThat(slow.at(when.minusNanos(1))).isLessThan(min(10));
  }

  @Test
  void wallWhenOfAPastDrillTimeIsTheAnchor() {
    DrillClock clock = new DrillClock(true, at(min(20)), min(12), Speed.NORMAL);
    assertThat(clock.wallWhen(min(3))).contains(at(min(20)));
    assertThat(clock.wallWhen(min(12))).contains(at(min(20)));
  }

  @Test
  void wallWhenWhilePausedIsEmpty() {
    DrillClock paused = DrillClock.stopped(Speed.NORMAL).run(T0).stop(at(min(4)));
    assertThat(paused.wallWhen(min(10))).isEmpty();
    assertThat(paused.wallWhen(min(2))).isEmpty();
  }
}
