package io.breachdrill.drill;

import io.breachdrill.account.Sessions;
import io.breachdrill.account.TeamSeat;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Where a join link leads: the participant gives a name and a team role and gets a session that
 * opens their own team and nothing else. Any earlier session in that browser ends.
 */
@Path("/join/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class JoinResource {

  private final JoinLinks links;
  private final Sessions sessions;

  JoinResource(JoinLinks links, Sessions sessions) {
    this.links = links;
    this.sessions = sessions;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance join(
        JoinLinks.Offer offer, String name, String role, String error);
  }

  @GET
  public TemplateInstance form(@PathParam("token") String token) {
    return Templates.join(links.offer(token), "", "", null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response join(
      @PathParam("token") String token,
      @FormParam("name") String name,
      @FormParam("role") String role,
      @Context HttpHeaders headers) {
    try {
      TeamSeat seat = links.join(token, name, role);
      sessions.closeCurrent(headers);
      String session = sessions.open(seat);
      return Response.seeOther(URI.create("/teams/" + seat.teamId()))
          .cookie(sessions.cookie(session))
          .build();
    } catch (JoinRefused refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(Templates.join(links.offer(token), name, role, refused.getMessage()))
          .build();
    }
  }
}
