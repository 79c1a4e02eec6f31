package io.breachdrill.drill.engine;

import io.breachdrill.web.Conflict;

/** A command the drill's rules do not allow now; its message tells the person why. */
public class DrillRefused extends Conflict {

  public DrillRefused(String detail) {
    super(detail);
  }
}
