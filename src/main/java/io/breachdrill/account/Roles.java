package io.breachdrill.account;

/** Role names as constants, for {@code @RolesAllowed}. */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String FACILITATOR = "facilitator";
  public static final String EVALUATOR = "evaluator";
  public static final String MANAGER = "manager";

  /** Given to whoever joined a team through a join link; never held by an account. */
  public static final String PARTICIPANT = "participant";

  private Roles() {}
}
