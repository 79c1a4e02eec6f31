package io.breachdrill.drill;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls what a user would look at until it shows what a test waits for, so tests never sleep a
 * fixed time for the dispatcher or a live stream.
 */
public final class Eventually {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 50;

  private Eventually() {}

  /** The first value the probe gives that passes; fails with the last value after the timeout. */
  static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
    return until(what, probe, done, TIMEOUT);
  }

  /** As above with a longer wait, for a packaged node on a machine busy with other builds. */
  public static <T> T until(
      String what, Supplier<T> probe, Predicate<? super T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Waited " + timeout.toSeconds() + " s for " + what + "; last saw: " + last);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      last = probe.get();
    }
    return last;
  }
}
