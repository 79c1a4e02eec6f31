package io.breachdrill.account;

import io.breachdrill.web.Missing;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Single sign-on through the company's OpenID Connect provider. When it is configured, an HTTP
 * permission sends this path through the provider's login first (authorization code flow); here the
 * verified email is matched to an existing, enabled account, which then gets an ordinary
 * Breachdrill session. Roles stay in Breachdrill, given by its admins.
 */
@Path("/login/sso")
@PermitAll
public class SsoResource {

  private final SingleSignOn sso;
  private final SecurityIdentity identity;
  private final LoginService logins;
  private final Sessions sessions;

  SsoResource(SingleSignOn sso, SecurityIdentity identity, LoginService logins, Sessions sessions) {
    this.sso = sso;
    this.identity = identity;
    this.logins = logins;
    this.sessions = sessions;
  }

  @GET
  public Response signIn() {
    if (!sso.enabled()) {
      throw new Missing("Single sign-on is not configured here. Sign in with your password.");
    }
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw new ForbiddenException("The identity provider did not sign you in.");
    }
    Object verified = token.getClaim("email_verified");
    String email = token.getClaim("email");
    User user =
        logins
            .signInVerified(email, !Boolean.FALSE.equals(verified))
            .orElseThrow(
                () ->
                    new ForbiddenException(
                        "Your company account "
                            + (email == null ? "(no email)" : email)
                            + " has no active Breachdrill account. Ask an admin to invite you."));
    return Response.seeOther(URI.create("/")).cookie(sessions.cookie(sessions.open(user))).build();
  }
}
