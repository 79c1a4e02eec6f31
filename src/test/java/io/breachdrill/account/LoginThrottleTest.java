package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final LoginThrottle THROTTLE =
      new LoginThrottle(
          new LoginThrottle.Limits(3, 10),
          new LoginThrottle.Limits(10, 50),
          Duration.ofMinutes(15),
          Duration.ofSeconds(30));

  /** {@code count} failures, one every {@code gap}, the last {@code ago} before now. */
  static List<Instant> failures(int count, Duration gap, Duration ago) {
    List<Instant> failures = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      failures.add(NOW.minus(ago).minus(gap.multipliedBy(i)));
    }
    return failures;
  }

  static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void aFewFailuresAreFree() {
    assertThat(THROTTLE.judge(failures(2, SECOND, Duration.ZERO), List.of(), NOW)).isEmpty();
  }

  @Test
  void fromTheThirdFailureEachTryWaitsTwiceAsLong() {
    assertThat(THROTTLE.judge(failures(3, SECOND, Duration.ZERO), List.of(), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofSeconds(1), false));
    assertThat(THROTTLE.judge(failures(4, SECOND, Duration.ZERO), List.of(), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofSeconds(2), false));
    assertThat(THROTTLE.judge(failures(6, SECOND, Duration.ZERO), List.of(), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofSeconds(8), false));
  }

  @Test
  void theWaitIsCountedFromTheLastFailureAndCapped() {
    assertThat(THROTTLE.judge(failures(4, SECOND, Duration.ofSeconds(2)), List.of(), NOW))
        .as("waited the 2 s already")
        .isEmpty();
    assertThat(THROTTLE.judge(failures(9, SECOND, Duration.ofSeconds(5)), List.of(), NOW))
        .as("2^6 s is capped at 30 s, 5 s of which have passed")
        .contains(new LoginThrottle.Refusal(Duration.ofSeconds(25), false));
  }

  @Test
  void tenFailuresLockTheAccountForFifteenMinutesAfterTheLast() {
    assertThat(THROTTLE.judge(failures(10, SECOND, Duration.ofMinutes(5)), List.of(), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofMinutes(10), true));
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    List<Instant> old = failures(10, SECOND, Duration.ofMinutes(16));
    assertThat(THROTTLE.judge(old, List.of(), NOW)).isEmpty();
  }

  @Test
  void anAddressHasHigherLimitsThanAnAccount() {
    assertThat(THROTTLE.judge(List.of(), failures(9, SECOND, Duration.ZERO), NOW)).isEmpty();
    assertThat(THROTTLE.judge(List.of(), failures(50, SECOND, Duration.ofMinutes(1)), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofMinutes(14), true));
  }

  @Test
  void theLongerRefusalWins() {
    assertThat(
            THROTTLE.judge(
                failures(3, SECOND, Duration.ZERO), failures(50, SECOND, Duration.ZERO), NOW))
        .contains(new LoginThrottle.Refusal(Duration.ofMinutes(15), true));
  }

  @Test
  void messagesSayHowLongToWait() {
    assertThat(LoginService.message(new LoginThrottle.Refusal(Duration.ofMillis(7200), false)))
        .isEqualTo("Too many failed sign-ins. Wait 8 seconds before you try again.");
    assertThat(LoginService.message(new LoginThrottle.Refusal(Duration.ofSeconds(61), true)))
        .endsWith("try again in 2 minutes.");
  }
}
