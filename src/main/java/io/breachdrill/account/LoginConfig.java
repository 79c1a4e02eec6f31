package io.breachdrill.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How passwords are hashed and how repeated failed sign-ins are slowed down and refused. */
@ConfigMapping(prefix = "breachdrill.login")
public interface LoginConfig {

  /** bcrypt work factor for new hashes; stored hashes keep the factor they were made with. */
  @WithDefault("12")
  int bcryptCost();

  /** Failures for one account, counted since its last success, before each try must wait. */
  @WithDefault("3")
  int slowAfter();

  /** Failures for one account before sign-in is refused for {@link #lockFor()}. */
  @WithDefault("10")
  int lockAfter();

  /** As {@link #slowAfter()}, for one address (higher: offices share addresses). */
  @WithDefault("10")
  int addressSlowAfter();

  @WithDefault("50")
  int addressLockAfter();

  /** How far back failures count; also how long a lock lasts after the last failure. */
  @WithDefault("PT15M")
  Duration lockFor();

  /** The longest wait between tries before the lock. */
  @WithDefault("PT30S")
  Duration maxDelay();

  default LoginThrottle throttle() {
    return new LoginThrottle(
        new LoginThrottle.Limits(slowAfter(), lockAfter()),
        new LoginThrottle.Limits(addressSlowAfter(), addressLockAfter()),
        lockFor(),
        maxDelay());
  }
}
