package io.breachdrill.account;

/** What the audit log records. Later features add drill control and score changes. */
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
  PARTICIPANT_JOINED("Participant joined a team");

  private final String label;

  AuditAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
