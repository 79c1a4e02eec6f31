package io.breachdrill.drill.engine;

/**
 * How a team's decision ended: an option chosen by a member, or a time-out ({@code optionId} null).
 * {@code effectiveMs} is the drill time the branch counts from: when the member decided, or the
 * deadline that passed.
 */
public record Outcome(
    long seq,
    String decisionId,
    String optionId,
    Long participantId,
    String name,
    String rationale,
    long drillMs,
    long effectiveMs) {

  public boolean timedOut() {
    return optionId == null;
  }
}
