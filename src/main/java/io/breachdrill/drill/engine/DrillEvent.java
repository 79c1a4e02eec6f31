package io.breachdrill.drill.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * One thing that happened to a drill, numbered per drill by {@code seq}. {@code at} is the wall
 * time (to the millisecond), {@code drillMs} the drill time when it happened; {@code teamId} is set
 * for what happened to one team.
 */
public record DrillEvent(
    long seq, EventType type, Long teamId, Instant at, long drillMs, String actor, EventData data) {

  public Duration drillTime() {
    return Duration.ofMillis(drillMs);
  }

  /**
   * What may happen only once per team: the delivery of a scenario inject (its id) and the outcome
   * of a decision ({@code decision:} and its id), a participant's hotwash answers ({@code hotwash:}
   * and their id). Stored with a unique key on (drill, team, key).
   */
  public String onceKey() {
    if (type == EventType.INJECT_DELIVERED && data.injectId() != null) {
      return data.injectId();
    }
    if (type == EventType.DECISION_MADE || type == EventType.DECISION_TIMED_OUT) {
      return "decision:" + data.decisionId();
    }
    if (type == EventType.HOTWASH_SUBMITTED) {
      return "hotwash:" + data.participantId();
    }
    return null;
  }
}
