package io.breachdrill.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When may someone try to sign in again? A pure rule over the recent failures for the account typed
 * and for the address asking: a few failures are free, then each try must wait twice as long as the
 * one before, then tries are refused until {@code lockFor} after the last failure. Unknown accounts
 * are counted like real ones, so the answers reveal nothing.
 */
public record LoginThrottle(Limits account, Limits address, Duration lockFor, Duration maxDelay) {

  /** After {@code slowAfter} failures tries are spaced out; after {@code lockAfter} refused. */
  public record Limits(int slowAfter, int lockAfter) {}

  /** A refusal: how long until the next try is allowed, and whether that is a lock. */
  public record Refusal(Duration retryAfter, boolean locked) {}

  /** The failures that count: those within {@code lockFor} of now. */
  public Instant countFrom(Instant now) {
    return now.minus(lockFor);
  }

  /** Empty when a try is allowed now; otherwise the longer of the two refusals. */
  public Optional<Refusal> judge(
      List<Instant> accountFailures, List<Instant> addressFailures, Instant now) {
    Optional<Refusal> byAccount = judge(account, accountFailures, now);
    Optional<Refusal> byAddress = judge(address, addressFailures, now);
    if (byAccount.isEmpty()) {
      return byAddress;
    }
    if (byAddress.isEmpty()) {
      return byAccount;
    }
    return byAccount.get().retryAfter().compareTo(byAddress.get().retryAfter()) >= 0
        ? byAccount
        : byAddress;
  }

  private Optional<Refusal> judge(Limits limits, List<Instant> failures, Instant now) {
    Instant from = countFrom(now);
    List<Instant> recent = failures.stream().filter(at -> at.isAfter(from)).sorted().toList();
    int count = recent.size();
    if (count < limits.slowAfter()) {
      return Optional.empty();
    }
    Instant last = recent.get(count - 1);
    boolean locked = count >= limits.lockAfter();
    Instant next = last.plus(locked ? lockFor : delayAfter(count - limits.slowAfter()));
    return now.isBefore(next)
        ? Optional.of(new Refusal(Duration.between(now, next), locked))
        : Optional.empty();
  }

  /** 1 s, 2 s, 4 s, ... up to {@code maxDelay}. */
  private Duration delayAfter(int extraFailures) {
    Duration delay = Duration.ofSeconds(1L << Math.min(extraFailures, 20));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
