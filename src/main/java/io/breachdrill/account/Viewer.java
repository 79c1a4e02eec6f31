package io.breachdrill.account;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * Who is asking, for resources and for the layout ({@code {inject:viewer.name}}): a staff user, a
 * participant in their team seat, or nobody.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

  private final SecurityIdentity identity;

  Viewer(SecurityIdentity identity) {
    this.identity = identity;
  }

  public Optional<SignedInUser> user() {
    return Optional.ofNullable(identity.getAttribute(Sessions.USER_ATTRIBUTE));
  }

  public Optional<TeamSeat> seat() {
    return Optional.ofNullable(identity.getAttribute(Sessions.SEAT_ATTRIBUTE));
  }

  /** The signed-in staff user; routes that call this admit only staff roles. */
  public SignedInUser requireUser() {
    return user().orElseThrow(ForbiddenException::new);
  }

  /** The participant's seat; routes that call this admit only participants. */
  public TeamSeat requireSeat() {
    return seat().orElseThrow(ForbiddenException::new);
  }

  public boolean isSignedIn() {
    return !identity.isAnonymous();
  }

  public boolean isStaff() {
    return user().isPresent();
  }

  public boolean isParticipant() {
    return seat().isPresent();
  }

  public boolean has(String role) {
    return identity.hasRole(role);
  }

  public String name() {
    return user()
        .map(SignedInUser::displayName)
        .or(() -> seat().map(TeamSeat::displayName))
        .orElse("");
  }

  /** How the audit log names whoever acts. */
  public String label() {
    return user()
        .map(SignedInUser::email)
        .or(() -> seat().map(TeamSeat::label))
        .orElse("anonymous");
  }
}
