package io.breachdrill.account;

import io.breachdrill.web.Missing;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;

/** Where an invited user chooses their password and is signed in. */
@Path("/invite/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class InvitationResource {

  private final UserAdmin users;
  private final Sessions sessions;

  InvitationResource(UserAdmin users, Sessions sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance accept(String token, String email, String error);
  }

  @GET
  public TemplateInstance form(@PathParam("token") String token) {
    User user = users.invited(token).orElseThrow(() -> new Missing(UserAdmin.INVITATION_GONE));
    return Templates.accept(token, user.email, null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response accept(
      @PathParam("token") String token,
      @FormParam("password") String password,
      @FormParam("confirm") String confirm) {
    User invited = users.invited(token).orElseThrow(() -> new Missing(UserAdmin.INVITATION_GONE));
    if (!Objects.equals(password, confirm)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.accept(token, invited.email, "The two passwords differ."))
          .build();
    }
    try {
      User user = users.acceptInvitation(token, password);
      String session = sessions.open(user);
      return Response.seeOther(URI.create("/")).cookie(sessions.cookie(session)).build();
    } catch (UserChange refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.accept(token, invited.email, refused.getMessage()))
          .build();
    }
  }
}
