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

  /** Teams may still be added and renamed. */
  public boolean preparing() {
    return this == DRAFT || this == LOBBY;
  }

  /** The clock has been started at least once and the drill is not over. */
  public boolean live() {
    return this == RUNNING || this == PAUSED;
  }
}
