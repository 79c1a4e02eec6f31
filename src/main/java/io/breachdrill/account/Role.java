package io.breachdrill.account;

import java.util.Arrays;
import java.util.Optional;

/** What a staff account may do. Participants hold no account and no role of these. */
public enum Role {
  ADMIN(Roles.ADMIN, "Admin", "Manages users, settings and the audit log"),
  FACILITATOR(Roles.FACILITATOR, "Facilitator", "Runs drills, manages scenarios and join links"),
  EVALUATOR(Roles.EVALUATOR, "Evaluator", "Observes drills, rates teams and takes notes"),
  MANAGER(Roles.MANAGER, "Manager", "Reads scorecards, reports and dashboards");

  private final String key;
  private final String label;
  private final String description;

  Role(String key, String label, String description) {
    this.key = key;
    this.label = label;
    this.description = description;
  }

  /** The name used in {@code @RolesAllowed}, forms and the security identity. */
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public static Optional<Role> byKey(String key) {
    return Arrays.stream(values()).filter(role -> role.key.equals(key)).findFirst();
  }
}
