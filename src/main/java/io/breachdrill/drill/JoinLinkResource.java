package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.web.Invalid;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The join links of the teams of a facilitator's drill. */
@Path("/drills")
@RolesAllowed(Roles.FACILITATOR)
@Produces(MediaType.TEXT_HTML)
public class JoinLinkResource {

  /** The validities a facilitator can choose, by form value. */
  static final Map<String, Optional<Duration>> VALIDITIES =
      Map.of(
          "PT2H", Optional.of(Duration.ofHours(2)),
          "P1D", Optional.of(Duration.ofDays(1)),
          "P7D", Optional.of(Duration.ofDays(7)),
          "never", Optional.empty());

  private final JoinLinks links;
  private final Viewer viewer;
  private final InstantSource clock;

  JoinLinkResource(JoinLinks links, Viewer viewer, InstantSource clock) {
    this.links = links;
    this.viewer = viewer;
    this.clock = clock;
  }

  /** A link as the facilitator sees it. */
  public record LinkRow(JoinLink link, String url, String state, long joined) {}

  /** A team with its links and who joined. */
  public record TeamLinks(Team team, List<LinkRow> links, List<Participant> participants) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance links(Drill drill, List<TeamLinks> teams);
  }

  @GET
  @Path("{drill}/links")
  public TemplateInstance links(@PathParam("drill") long drillId, @Context UriInfo uri) {
    Drill drill = links.owned(viewer, drillId);
    Instant now = clock.instant();
    List<TeamLinks> teams = drill.teams().stream().map(team -> teamLinks(team, now, uri)).toList();
    return Templates.links(drill, teams);
  }

  @POST
  @Path("{drill}/links")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @PathParam("drill") long drillId,
      @FormParam("team") long teamId,
      @FormParam("validity") String validity,
      @FormParam("note") String note) {
    Optional<Duration> chosen = VALIDITIES.get(validity == null ? "" : validity);
    if (chosen == null) {
      throw new Invalid("Choose how long the link stays valid.");
    }
    links.create(viewer, drillId, teamId, chosen, note);
    return Response.seeOther(URI.create("/drills/" + drillId + "/links#team-" + teamId)).build();
  }

  @POST
  @Path("{drill}/links/{link}/revoke")
  public Response revoke(@PathParam("drill") long drillId, @PathParam("link") long linkId) {
    links.revoke(viewer, drillId, linkId);
    return Response.seeOther(URI.create("/drills/" + drillId + "/links")).build();
  }

  private static TeamLinks teamLinks(Team team, Instant now, UriInfo uri) {
    List<Participant> participants = team.participants();
    List<LinkRow> rows =
        JoinLink.<JoinLink>list("teamId = ?1 order by createdAt desc, id desc", team.id).stream()
            .map(
                link ->
                    new LinkRow(
                        link,
                        url(uri, link),
                        link.state(now),
                        participants.stream().filter(p -> p.joinLinkId.equals(link.id)).count()))
            .toList();
    return new TeamLinks(team, rows, participants);
  }

  private static String url(UriInfo uri, JoinLink link) {
    return uri.getBaseUriBuilder().path("join").path(link.token).build().toString();
  }
}
