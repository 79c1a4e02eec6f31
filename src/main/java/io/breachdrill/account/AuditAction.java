package io.breachdrill.account;

/** What the audit log records. Later features add score changes. */
public enum AuditAction {
  LOGIN_SUCCEEDED("Sign-in succeeded"),
  LOGIN_FAILED("Sign-in failed"),
  LOGIN_REFUSED("Sign-in refused (too many failures)"),
  LOGOUT("Signed out"),
  SETUP_COMPLETED("First admin created"),
  USER_CREATED("User created"),
  USER_INVITED("Invitation link created"),
  INVITATION_ACCEPTED("Invitation accepted"),
  USER_UPDATED("User name or roles changed"),
  USER_DISABLED("User disabled"),
  USER_ENABLED("User enabled"),
  PASSWORD_CHANGED("Password changed"),
  JOIN_LINK_CREATED("Join link created"),
  JOIN_LINK_REVOKED("Join link revoked"),
  PARTICIPANT_JOINED("Participant joined a team"),
  DRILL_CREATED("Drill created"),
  DRILL_TEAM_ADDED("Team added to a drill"),
  DRILL_OPENED("Drill lobby opened"),
  DRILL_STARTED("Drill started"),
  DRILL_PAUSED("Drill paused"),
  DRILL_RESUMED("Drill resumed"),
  DRILL_SPEED_CHANGED("Drill speed changed"),
  DRILL_FINISHED("Drill finished"),
  DRY_RUN_STARTED("Dry run started (the facilitator plays one team alone)"),
  INJECT_FIRED("Scenario inject fired ahead of time"),
  ADHOC_INJECT_SENT("Ad-hoc inject sent"),
  DRILL_NOTE_ADDED("Facilitator note added"),
  RATING_SET("Team phase rated"),
  OBSERVATION_ADDED("Evaluator observation added"),
  SCORE_ADJUSTED("Team score adjusted"),
  IMPROVEMENT_PLAN_SEEDED("Improvement plan items derived from a report"),
  IMPROVEMENT_ITEM_UPDATED("Improvement plan item edited"),
  IMPROVEMENT_STATUS_CHANGED("Improvement plan item status changed"),
  DRILL_EXPORTED("Drill exported as a file"),
  DRILL_IMPORTED("Drill imported from a file");

  private final String label;

  AuditAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
