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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;

/** The one-time page that creates the first admin; it answers 404 once any user exists. */
@Path("/setup")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SetupResource {

  static final String DONE =
      "Breachdrill is already set up. Sign in, or ask an admin for an account.";

  private final UserAdmin users;
  private final Sessions sessions;

  SetupResource(UserAdmin users, Sessions sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  /** What the set-up form holds, to show it again with an error. */
  public record SetupForm(String email, String displayName) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance setup(SetupForm form, String error);
  }

  @GET
  public TemplateInstance form() {
    requireNoUsers();
    return Templates.setup(new SetupForm("", ""), null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("email") String email,
      @FormParam("displayName") String displayName,
      @FormParam("password") String password,
      @FormParam("confirm") String confirm) {
    requireNoUsers();
    SetupForm form = new SetupForm(email, displayName);
    if (!Objects.equals(password, confirm)) {
      return refuse(form, "The two passwords differ.");
    }
    try {
      User admin = users.createFirstAdmin(email, displayName, password, "setup page");
      String session = sessions.open(admin);
      return Response.seeOther(URI.create("/admin/users")).cookie(sessions.cookie(session)).build();
    } catch (UserChange refused) {
      return refuse(form, refused.getMessage());
    }
  }

  private static Response refuse(SetupForm form, String message) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(Templates.setup(form, message))
        .build();
  }

  private static void requireNoUsers() {
    if (User.count() > 0) {
      throw new Missing(DONE);
    }
  }
}
