package io.breachdrill.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;

/** A staff user's own account: who they are, their roles, and a new password. */
@Path("/account")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

  private final UserAdmin users;
  private final Sessions sessions;
  private final Viewer viewer;

  AccountResource(UserAdmin users, Sessions sessions, Viewer viewer) {
    this.users = users;
    this.sessions = sessions;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance account(SignedInUser user, String notice, String error);
  }

  @GET
  public TemplateInstance show(@QueryParam("changed") boolean changed) {
    String notice =
        changed ? "Your password is changed. Your other sessions are signed out." : null;
    return Templates.account(viewer.requireUser(), notice, null);
  }

  @POST
  @Path("password")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response changePassword(
      @FormParam("current") String current,
      @FormParam("password") String password,
      @FormParam("confirm") String confirm) {
    SignedInUser me = viewer.requireUser();
    if (!Objects.equals(password, confirm)) {
      return refuse(me, "The two new passwords differ.");
    }
    try {
      User user = users.changePassword(me.id(), current, password);
      String session = sessions.open(user);
      return Response.seeOther(URI.create("/account?changed=true"))
          .cookie(sessions.cookie(session))
          .build();
    } catch (UserChange refused) {
      return refuse(me, refused.getMessage());
    }
  }

  private static Response refuse(SignedInUser me, String message) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(Templates.account(me, null, message))
        .build();
  }
}
