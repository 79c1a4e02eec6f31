package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.DrillViews.ClockView;
import io.breachdrill.drill.DrillViews.TeamCard;
import io.breachdrill.drill.DrillViews.TimelineRow;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioCatalog;
import io.breachdrill.web.Invalid;
import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/** A facilitator's drills: create one, then run it from its console. */
@Path("/drills")
@RolesAllowed(Roles.FACILITATOR)
@Produces(MediaType.TEXT_HTML)
public class DrillResource {

  /** A drill in the facilitator's list. */
  public record DrillRow(Drill drill, String status) {}

  /** A dry run in the facilitator's list, with the team they play. */
  public record DryRunRow(Drill drill, String status, long teamId) {}

  /** A scenario inject the facilitator can fire ahead of its time. */
  public record InjectChoice(String id, String label) {}

  /** The parts of the console that do not change while the drill runs. */
  public record ConsolePage(
      long drillId,
      String title,
      String scenarioTitle,
      String scenarioId,
      String version,
      Long versionId,
      long lastSeq,
      List<InjectChoice> injects,
      List<TeamState> teams,
      List<Channel> channels) {}

  /** The status, clock and the controls the status allows. */
  public record StateView(long drillId, ClockView clock, DrillStatus status) {}

  private final Drills drills;
  private final DryRuns dryRuns;
  private final ScenarioCatalog catalog;
  private final LiveStreams streams;
  private final Viewer viewer;
  private final InstantSource clock;
  private final CsrfTokenParameterProvider csrf;

  DrillResource(
      Drills drills,
      DryRuns dryRuns,
      ScenarioCatalog catalog,
      LiveStreams streams,
      Viewer viewer,
      InstantSource clock,
      CsrfTokenParameterProvider csrf) {
    this.drills = drills;
    this.dryRuns = dryRuns;
    this.catalog = catalog;
    this.streams = streams;
    this.viewer = viewer;
    this.clock = clock;
    this.csrf = csrf;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance drills(
        List<DrillRow> drills, List<DryRunRow> dryRuns, List<Scenario> scenarios);

    static native TemplateInstance console(
        ConsolePage page,
        StateView state,
        String csrf,
        List<TeamCard> teams,
        List<TimelineRow> timeline);

    static native TemplateInstance console$state(StateView state, String csrf);

    static native TemplateInstance console$teams(List<TeamCard> teams);

    static native TemplateInstance console$row(TimelineRow row);
  }

  @GET
  public TemplateInstance drills() {
    List<Drill> all = Drill.listRunBy(viewer.requireUser().id());
    List<DrillRow> rows =
        all.stream().filter(d -> !d.dryRun).map(d -> new DrillRow(d, label(d))).toList();
    List<DryRunRow> dry =
        all.stream()
            .filter(d -> d.dryRun)
            .map(d -> new DryRunRow(d, label(d), d.teams().get(0).id))
            .toList();
    return Templates.drills(rows, dry, catalog.scenarios());
  }

  private static String label(Drill drill) {
    return DrillStatus.valueOf(drill.status.toUpperCase()).label();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @FormParam("scenario") String scenarioId,
      @FormParam("title") String title,
      @FormParam("teams") String teams,
      @FormParam("speed") String speed) {
    if (scenarioId == null || scenarioId.isBlank()) {
      throw new Invalid("Choose the scenario the drill runs.");
    }
    List<String> names = teams == null ? List.of() : Arrays.asList(teams.split("\\R"));
    Speed chosen = speed == null || speed.isBlank() ? Speed.NORMAL : Speed.parse(speed);
    Drill drill = drills.create(viewer, scenarioId, title, names, chosen);
    return to(drill.id, "");
  }

  @GET
  @Path("{drill}")
  public TemplateInstance console(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = drills.owned(viewer, drillId);
    String token = csrf.getToken();
    return Templates.console(
        page(snapshot),
        state(snapshot),
        token,
        DrillViews.teams(snapshot.state(), snapshot.scenario()),
        DrillViews.timeline(snapshot.events(), snapshot.state(), snapshot.scenario()));
  }

  @POST
  @Path("{drill}/open")
  public Response open(@PathParam("drill") long drillId) {
    drills.open(viewer, drillId);
    return to(drillId, "");
  }

  @POST
  @Path("{drill}/start")
  public Response start(@PathParam("drill") long drillId) {
    drills.start(viewer, drillId);
    return to(drillId, "");
  }

  @POST
  @Path("{drill}/pause")
  public Response pause(@PathParam("drill") long drillId) {
    drills.pause(viewer, drillId);
    return to(drillId, "");
  }

  @POST
  @Path("{drill}/resume")
  public Response resume(@PathParam("drill") long drillId) {
    drills.resume(viewer, drillId);
    return to(drillId, "");
  }

  @POST
  @Path("{drill}/finish")
  public Response finish(@PathParam("drill") long drillId) {
    drills.finish(viewer, drillId);
    return to(drillId, "");
  }

  /** Ends the viewer's own dry run and takes them back to its team page, to read their score. */
  @POST
  @Path("{drill}/dry-run/finish")
  @RolesAllowed({Roles.FACILITATOR, Roles.ADMIN})
  public Response finishDryRun(@PathParam("drill") long drillId) {
    Drill drill = dryRuns.finish(viewer, drillId);
    return Response.seeOther(URI.create("/teams/" + drill.teams().get(0).id + "#hotwash")).build();
  }

  @POST
  @Path("{drill}/speed")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response speed(@PathParam("drill") long drillId, @FormParam("speed") String speed) {
    drills.speed(viewer, drillId, Speed.parse(speed));
    return to(drillId, "");
  }

  @POST
  @Path("{drill}/teams")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response addTeam(@PathParam("drill") long drillId, @FormParam("name") String name) {
    drills.addTeam(viewer, drillId, name);
    return to(drillId, "#teams");
  }

  @POST
  @Path("{drill}/fire")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response fire(
      @PathParam("drill") long drillId,
      @FormParam("inject") String injectId,
      @FormParam("team") List<Long> teamIds) {
    if (injectId == null || injectId.isBlank()) {
      throw new Invalid("Choose the scenario inject to fire.");
    }
    drills.fire(viewer, drillId, injectId, teamIds);
    return to(drillId, "#timeline");
  }

  @POST
  @Path("{drill}/adhoc")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response adhoc(
      @PathParam("drill") long drillId,
      @FormParam("channel") String channel,
      @FormParam("title") String title,
      @FormParam("body") String body,
      @FormParam("team") List<Long> teamIds) {
    drills.adhoc(viewer, drillId, teamIds, channel, title, body);
    return to(drillId, "#timeline");
  }

  @POST
  @Path("{drill}/notes")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response note(
      @PathParam("drill") long drillId,
      @FormParam("text") String text,
      @FormParam("team") String team) {
    Long teamId = null;
    if (team != null && !team.isBlank()) {
      try {
        teamId = Long.valueOf(team);
      } catch (NumberFormatException e) {
        throw new Invalid("Choose a team of this drill, or the whole drill.");
      }
    }
    drills.note(viewer, drillId, teamId, text);
    return to(drillId, "#timeline");
  }

  @GET
  @Path("{drill}/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @PathParam("drill") long drillId,
      @QueryParam("after") Long after,
      @CookieParam("breachdrill-csrf") String token,
      @Context HttpHeaders headers,
      @Context SseEventSink sink,
      @Context Sse sse) {
    drills.owned(viewer, drillId);
    String csrfToken = token == null ? "" : token;
    streams.open(
        drillId,
        LiveStream.startAfter(headers, after),
        (snapshot, event) -> render(snapshot, event, csrfToken),
        sink,
        sse);
  }

  /**
   * Every event adds a timeline row; the newest of a batch also brings the state and team cards.
   */
  private String render(Drills.Snapshot snapshot, DrillEvent event, String token) {
    StringBuilder html = new StringBuilder();
    // State and team cards show the drill as it is now: once per batch, with its newest event.
    if (event.seq() == snapshot.state().lastSeq()) {
      html.append(Templates.console$state(state(snapshot), token).render());
      html.append(
          Templates.console$teams(DrillViews.teams(snapshot.state(), snapshot.scenario()))
              .render());
    }
    html.append(
        Templates.console$row(DrillViews.row(event, snapshot.state(), snapshot.scenario()))
            .render());
    return html.toString();
  }

  private StateView state(Drills.Snapshot snapshot) {
    return new StateView(
        snapshot.drill().id,
        DrillViews.clock(snapshot.state(), snapshot.scenario(), clock.instant()),
        snapshot.state().status());
  }

  private static ConsolePage page(Drills.Snapshot snapshot) {
    Scenario scenario = snapshot.scenario();
    List<InjectChoice> injects = scenario.injects().stream().map(DrillResource::choice).toList();
    return new ConsolePage(
        snapshot.drill().id,
        snapshot.state().title(),
        scenario.title(),
        scenario.id(),
        snapshot.state().scenarioHash().substring(0, 12),
        snapshot.drill().scenarioVersionId,
        snapshot.state().lastSeq(),
        injects,
        List.copyOf(snapshot.state().teamList()),
        List.of(Channel.values()));
  }

  private static InjectChoice choice(Inject inject) {
    String when =
        inject.at() != null
            ? DrillTimes.format(inject.at().toMillis())
            : "after "
                + inject.after().decision()
                + " → "
                + String.join("/", inject.after().options());
    return new InjectChoice(inject.id(), when + " · " + inject.headline());
  }

  private static Response to(long drillId, String anchor) {
    return Response.seeOther(URI.create("/drills/" + drillId + anchor)).build();
  }
}
