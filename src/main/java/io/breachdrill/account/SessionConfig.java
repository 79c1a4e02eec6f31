package io.breachdrill.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How sign-in sessions and their cookie behave. */
@ConfigMapping(prefix = "breachdrill.session")
public interface SessionConfig {

  /** A session nobody used for this long is over. */
  @WithDefault("PT2H")
  Duration idleTimeout();

  /** No session lives longer than this, however busy. */
  @WithDefault("PT12H")
  Duration maxAge();

  @WithDefault("breachdrill-session")
  String cookieName();

  /** Off only in dev mode, which runs on plain http. */
  @WithDefault("true")
  boolean secureCookie();
}
