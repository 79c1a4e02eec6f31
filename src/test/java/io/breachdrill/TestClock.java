package io.breachdrill;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's clock in tests: the system clock plus an offset that tests move forward, so a drill's
 * injects come due without anyone waiting for them. It never goes back, so sessions and other
 * tests' times stay consistent.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock implements InstantSource {

  private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

  @Override
  public Instant instant() {
    return Instant.now().plus(OFFSET.get());
  }

  /** Moves the app's time forward; the dispatcher sees it on its next tick. */
  public static void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the test clock only moves forward");
    }
    OFFSET.accumulateAndGet(by, Duration::plus);
  }

  public static Instant now() {
    return Instant.now().plus(OFFSET.get());
  }
}
