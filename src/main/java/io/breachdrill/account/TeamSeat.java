package io.breachdrill.account;

/** Where a participant sits: one team of one drill, nothing else. */
public record TeamSeat(long participantId, long drillId, long teamId, String displayName) {

  /** How the audit log names the participant. */
  public String label() {
    return "participant " + participantId + " (" + displayName + ")";
  }
}
