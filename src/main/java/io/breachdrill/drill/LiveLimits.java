package io.breachdrill.drill;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How long a node keeps a live page's stream going for a client that does not read it. */
@ConfigMapping(prefix = "breachdrill.live")
public interface LiveLimits {

  /** How often idle streams get a keep-alive comment and are checked for stalled clients. */
  Duration heartbeat();

  /**
   * A stream whose oldest unwritten message has waited this long (the client's socket stayed full)
   * is hung up; its browser reconnects with Last-Event-ID once it reads again.
   */
  Duration stallTimeout();

  /** A stream with more messages than this waiting for the client's socket is hung up at once. */
  int maxUnwritten();
}
