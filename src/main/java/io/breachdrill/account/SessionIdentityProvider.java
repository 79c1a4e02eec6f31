package io.breachdrill.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks a session token up in the database, off the event loop. */
@ApplicationScoped
class SessionIdentityProvider implements IdentityProvider<SessionRequest> {

  private final Sessions sessions;

  SessionIdentityProvider(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Class<SessionRequest> getRequestType() {
    return SessionRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () ->
            sessions
                .identify(request.token())
                .orElseThrow(() -> new AuthenticationFailedException("No such session")));
  }
}
