package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A participant's team page: only the team their session belongs to, whatever the URL says. */
@Path("/teams/{team}")
@RolesAllowed(Roles.PARTICIPANT)
@Produces(MediaType.TEXT_HTML)
public class TeamResource {

  private final Viewer viewer;

  TeamResource(Viewer viewer) {
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance team(Drill drill, Team team, List<Participant> members, long me);
  }

  @GET
  public TemplateInstance show(@PathParam("team") long teamId) {
    TeamSeat seat = viewer.requireSeat();
    if (seat.teamId() != teamId) {
      throw new ForbiddenException("This is not your team.");
    }
    Team team = Team.findById(teamId);
    Drill drill = Drill.findById(team.drillId);
    return Templates.team(drill, team, team.participants(), seat.participantId());
  }
}
