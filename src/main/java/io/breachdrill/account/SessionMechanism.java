package io.breachdrill.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the session cookie on requests that need to know who is asking. An unknown or expired
 * cookie makes the request anonymous; pages then send the browser to sign in. While the database is
 * away the request fails with 503 instead: the session may well be valid.
 */
@ApplicationScoped
class SessionMechanism implements HttpAuthenticationMechanism {

  private final Sessions sessions;

  SessionMechanism(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    Cookie cookie = context.request().getCookie(sessions.cookieName());
    if (cookie == null || cookie.getValue().isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager
        .authenticate(new SessionRequest(cookie.getValue()))
        // An unknown or expired session is nobody; a database that does not answer is not, and
        // fails the request (503) rather than sending a signed-in person to the sign-in page.
        .onFailure(AuthenticationFailedException.class)
        .recoverWithNull();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, "/login"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom()
        .item(
            new HttpCredentialTransport(
                HttpCredentialTransport.Type.COOKIE, sessions.cookieName()));
  }
}
