package io.breachdrill.account;

import java.util.Set;

/** The staff user behind a request, as read from their session. */
public record SignedInUser(long id, String email, String displayName, Set<Role> roles) {

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
