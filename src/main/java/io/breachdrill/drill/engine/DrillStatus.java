package io.breachdrill.drill.engine;

/** Where a drill is in its life; only the facilitator moves it. */
public enum DrillStatus {
  DRAFT("Draft"),
  LOBBY("Lobby"),
  RUNNING("Running"),
  PAUSED("Paused"),
  FINISHED("Finished");

  private final String label;

  DrillStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean canOpen() {
    return this == DRAFT;
  }

  public boolean canPause() {
    return this == RUNNING;
  }

  public boolean canResume() {
    return this == PAUSED;
  }

  /** A drill that never opened is not finished; one that is over cannot finish again. */
  public boolean canFinish() {
    return this != DRAFT && this != FINISHED;
  }

  /** Teams may still be added and renamed; the drill may start. */
  public boolean preparing() {
    return this == DRAFT || this == LOBBY;
  }

  /** The clock has been started at least once: there is something to assess. */
  public boolean started() {
    return live() || this == FINISHED;
  }

  /** The clock has been started at least once and the drill is not over. */
  public boolean live() {
    return this == RUNNING || this == PAUSED;
  }
}
