package io.breachdrill.scoring;

/**
 * How long a team took on a decision that reached it, in drill milliseconds. {@code optionId} is
 * null when it timed out or is still open; {@code endedMs} is when it was decided or its deadline
 * passed; {@code timeToDecisionMs}, {@code decidedBy} and {@code rationale} only when a member
 * decided (the rationale may still be null).
 */
public record DecisionTiming(
    String decisionId,
    String injectId,
    long reachedMs,
    Status status,
    String optionId,
    Long endedMs,
    Long timeToDecisionMs,
    String decidedBy,
    String rationale) {

  public enum Status {
    DECIDED,
    TIMED_OUT,
    OPEN
  }

  public boolean timedOut() {
    return status == Status.TIMED_OUT;
  }
}
