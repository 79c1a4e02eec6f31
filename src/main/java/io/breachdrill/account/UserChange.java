package io.breachdrill.account;

/** A change to users refused for a reason the admin can act on. */
public class UserChange extends RuntimeException {

  public UserChange(String message) {
    super(message);
  }
}
