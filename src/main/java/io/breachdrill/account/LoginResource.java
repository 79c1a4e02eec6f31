package io.breachdrill.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Sign in with email and password, sign out, and the start page that sends each to theirs. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

  private final LoginService logins;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Viewer viewer;
  private final SingleSignOn sso;

  LoginResource(
      LoginService logins, Sessions sessions, AuditLog audit, Viewer viewer, SingleSignOn sso) {
    this.logins = logins;
    this.sessions = sessions;
    this.audit = audit;
    this.viewer = viewer;
    this.sso = sso;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(String email, String next, String error, boolean sso);

    static native TemplateInstance logout();
  }

  /** The start page: sign in, the participant's team, or the scenario library. */
  @GET
  @PermitAll
  public Response home() {
    if (viewer.isParticipant()) {
      return seeOther("/teams/" + viewer.requireSeat().teamId());
    }
    return seeOther(viewer.isStaff() ? "/scenarios" : "/login");
  }

  @GET
  @Path("login")
  @PermitAll
  public TemplateInstance form(@QueryParam("next") String next) {
    return Templates.login("", LocalPath.orHome(next), null, sso.enabled());
  }

  @POST
  @Path("login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @FormParam("email") String email,
      @FormParam("password") String password,
      @FormParam("next") String next,
      @Context HttpHeaders headers) {
    String safeNext = LocalPath.orHome(next);
    String typed = email == null ? "" : email.strip();
    LoginService.Outcome outcome = logins.signIn(typed, password);
    if (outcome instanceof LoginService.Outcome.SignedIn in) {
      sessions.closeCurrent(headers);
      return Response.seeOther(URI.create(safeNext)).cookie(sessions.cookie(in.token())).build();
    }
    if (outcome instanceof LoginService.Outcome.Refused refused) {
      return Response.status(429)
          .header(HttpHeaders.RETRY_AFTER, Math.max(1, refused.retryAfter().toSeconds()))
          .entity(Templates.login(typed, safeNext, refused.message(), sso.enabled()))
          .build();
    }
    String message = ((LoginService.Outcome.Failed) outcome).message();
    return Response.status(Response.Status.UNAUTHORIZED)
        .entity(Templates.login(typed, safeNext, message, sso.enabled()))
        .build();
  }

  /** Signing out is a form post, so another site cannot sign anyone out with a link. */
  @GET
  @Path("logout")
  @PermitAll
  public TemplateInstance confirmSignOut() {
    return Templates.logout();
  }

  @POST
  @Path("logout")
  @PermitAll
  public Response signOut(@Context HttpHeaders headers) {
    if (viewer.isSignedIn()) {
      audit.record(viewer, AuditAction.LOGOUT, viewer.label(), null);
    }
    sessions.closeCurrent(headers);
    return Response.seeOther(URI.create("/login")).cookie(sessions.expiredCookie()).build();
  }

  static Response seeOther(String path) {
    return Response.seeOther(URI.create(path)).build();
  }
}
