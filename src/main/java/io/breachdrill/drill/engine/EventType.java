package io.breachdrill.drill.engine;

/** Everything that can happen to a drill; each is one appended event. */
public enum EventType {
  CREATED("Drill created"),
  TEAM_ADDED("Team added"),
  OPENED("Lobby opened"),
  PARTICIPANT_JOINED("Participant joined"),
  STARTED("Started"),
  PAUSED("Paused"),
  RESUMED("Resumed"),
  SPEED_CHANGED("Speed changed"),
  INJECT_DELIVERED("Inject delivered"),
  DECISION_MADE("Decision made"),
  DECISION_TIMED_OUT("Decision timed out"),
  NOTE_ADDED("Note"),
  RATING_SET("Phase rated"),
  OBSERVATION_ADDED("Observation"),
  SCORE_ADJUSTED("Score adjusted"),
  HOTWASH_SUBMITTED("Hotwash answered"),
  FINISHED("Finished");

  private final String label;

  EventType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
