package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.TeamSeat;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.DrillViews.ClockView;
import io.breachdrill.drill.DrillViews.DecisionView;
import io.breachdrill.drill.DrillViews.FeedItem;
import io.breachdrill.drill.DrillViews.OutcomeView;
import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.HotwashQuestion;
import io.breachdrill.scenario.Phase;
import io.breachdrill.web.Invalid;
import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A participant's team page: the feed, the open decisions, what the team decided and the clock,
 * kept live over server-sent events. Only the team of the participant's session, whatever the URL,
 * or the team of a dry run its facilitator plays (see {@link DryRuns#seat}).
 */
@Path("/teams/{team}")
@RolesAllowed({Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class PlayResource {

  /** The hotwash as one participant sees it: closed, open for their answers, or answered. */
  public record HotwashView(
      boolean open, boolean answered, List<HotwashQuestion> questions, List<Phase> phases) {}

  /** What the participant's page shows when it is loaded. */
  public record TeamPage(
      String title,
      long teamId,
      String teamName,
      Member me,
      long lastSeq,
      List<RawString> feed,
      List<DecisionView> open) {}

  private final Drills drills;
  private final DryRuns dryRuns;
  private final LiveStreams streams;
  private final Viewer viewer;
  private final InstantSource clock;
  private final CsrfTokenParameterProvider csrf;
  private final FeedItemHtml feedItems;

  PlayResource(
      Drills drills,
      DryRuns dryRuns,
      LiveStreams streams,
      Viewer viewer,
      InstantSource clock,
      CsrfTokenParameterProvider csrf,
      FeedItemHtml feedItems) {
    this.drills = drills;
    this.dryRuns = dryRuns;
    this.streams = streams;
    this.viewer = viewer;
    this.clock = clock;
    this.csrf = csrf;
    this.feedItems = feedItems;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance team(
        TeamPage page,
        ClockView clock,
        long teamId,
        String csrf,
        List<OutcomeView> outcomes,
        List<Member> members,
        long me,
        HotwashView hotwash,
        DryRuns.DryRun dryRun);

    static native TemplateInstance team$hotwash(HotwashView hotwash, long teamId, String csrf);

    static native TemplateInstance team$clock(ClockView clock);

    static native TemplateInstance team$item(FeedItem item);

    static native TemplateInstance team$decision(DecisionView decision, long teamId, String csrf);

    static native TemplateInstance team$outcomes(List<OutcomeView> outcomes);

    static native TemplateInstance team$members(List<Member> members, long me);
  }

  @GET
  public TemplateInstance show(@PathParam("team") long teamId) {
    TeamSeat seat = seat(teamId);
    Drills.Snapshot snapshot = drills.snapshot(seat.drillId());
    TeamState team = snapshot.state().team(teamId).orElseThrow();
    Member me = team.member(seat.participantId()).orElseThrow(ForbiddenException::new);
    TeamPage page =
        new TeamPage(
            snapshot.state().title(),
            teamId,
            team.name(),
            me,
            snapshot.state().lastSeq(),
            DrillViews.feed(team, snapshot.scenario(), Optional.of(me)).stream()
                .map(feedItems::of)
                .toList(),
            DrillViews.open(team, snapshot.scenario(), Optional.of(me)));
    return Templates.team(
        page,
        DrillViews.clock(snapshot.state(), snapshot.scenario(), clock.instant()),
        teamId,
        csrf.getToken(),
        DrillViews.outcomes(team, snapshot.scenario()),
        team.members(),
        me.participantId(),
        hotwash(snapshot, team, me.participantId()),
        dryRuns.ofTeam(viewer, teamId).orElse(null));
  }

  @POST
  @Path("hotwash")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response hotwash(@PathParam("team") long teamId, MultivaluedMap<String, String> form) {
    TeamSeat seat = seat(teamId);
    Map<String, Integer> confidence = new LinkedHashMap<>();
    Map<String, String> answers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> field : form.entrySet()) {
      String value = field.getValue().isEmpty() ? "" : field.getValue().get(0).strip();
      if (field.getKey().startsWith(ANSWER)) {
        answers.put(field.getKey().substring(ANSWER.length()), value);
      }
      if (field.getKey().startsWith(CONFIDENCE) && !value.isEmpty()) {
        try {
          confidence.put(field.getKey().substring(CONFIDENCE.length()), Integer.valueOf(value));
        } catch (NumberFormatException e) {
          throw new Invalid("Rate your confidence in each phase from 1 (low) to 5 (high).");
        }
      }
    }
    drills.hotwash(seat, answers, confidence, form.containsKey("anonymous"));
    return Response.seeOther(URI.create("/teams/" + teamId + "#hotwash")).build();
  }

  static final String CONFIDENCE = "confidence-";
  static final String ANSWER = "answer-";

  private static HotwashView hotwash(Drills.Snapshot snapshot, TeamState team, long participantId) {
    return new HotwashView(
        snapshot.state().status() == DrillStatus.FINISHED,
        team.answeredHotwash(participantId),
        snapshot.scenario().hotwashQuestions(),
        snapshot.scenario().phases());
  }

  @POST
  @Path("decisions/{decision}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @PathParam("team") long teamId,
      @PathParam("decision") String decisionId,
      @FormParam("option") String optionId,
      @FormParam("rationale") String rationale) {
    TeamSeat seat = seat(teamId);
    drills.decide(seat, decisionId, optionId, rationale);
    return Response.seeOther(URI.create("/teams/" + teamId + "#outcomes")).build();
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @PathParam("team") long teamId,
      @QueryParam("after") Long after,
      @CookieParam("breachdrill-csrf") String csrf,
      @Context HttpHeaders headers,
      @Context SseEventSink sink,
      @Context Sse sse) {
    TeamSeat seat = seat(teamId);
    long participantId = seat.participantId();
    streams.open(
        seat.drillId(),
        LiveStream.startAfter(headers, after),
        (snapshot, event) ->
            render(snapshot, event, teamId, participantId, csrf == null ? "" : csrf),
        sink,
        sse);
  }

  /** The fragments one event changes on this participant's page. */
  private String render(
      Drills.Snapshot snapshot, DrillEvent event, long teamId, long participantId, String csrf) {
    if (event.teamId() != null && event.teamId() != teamId) {
      return null;
    }
    TeamState team = snapshot.state().team(teamId).orElseThrow();
    Optional<Member> me = team.member(participantId);
    switch (event.type()) {
      case STARTED:
      case PAUSED:
      case RESUMED:
      case SPEED_CHANGED:
      case OPENED:
      case FINISHED:
        String clockHtml =
            Templates.team$clock(
                    DrillViews.clock(snapshot.state(), snapshot.scenario(), clock.instant()))
                .render();
        return event.type() == EventType.FINISHED
            ? clockHtml
                + closeAll(team, snapshot)
                + Templates.team$hotwash(hotwash(snapshot, team, participantId), teamId, csrf)
                    .render()
            : clockHtml;
      case PARTICIPANT_JOINED:
        return Templates.team$members(team.members(), participantId).render();
      case INJECT_DELIVERED:
        Delivery delivery =
            team.feed().stream().filter(d -> d.seq() == event.seq()).findFirst().orElseThrow();
        StringBuilder html = new StringBuilder();
        DrillViews.item(delivery, team, snapshot.scenario(), me)
            .ifPresent(item -> html.append(feedItems.of(item).getValue()));
        for (OpenDecision open : team.openDecisions(snapshot.scenario())) {
          if (!delivery.adhoc() && open.inject().id().equals(delivery.injectId())) {
            boolean mine = me.map(m -> team.sees(m, open.inject())).orElse(false);
            if (mine) {
              html.append(
                  Templates.team$decision(DrillViews.decisionView(open, true), teamId, csrf)
                      .render());
            }
          }
        }
        return html.toString();
      case DECISION_MADE:
      case DECISION_TIMED_OUT:
        return removed("decision-" + event.data().decisionId())
            + Templates.team$outcomes(DrillViews.outcomes(team, snapshot.scenario())).render();
      default:
        return null;
    }
  }

  private static String closeAll(TeamState team, Drills.Snapshot snapshot) {
    StringBuilder html = new StringBuilder();
    for (OpenDecision open : team.openDecisions(snapshot.scenario())) {
      html.append(removed("decision-" + open.decision().id()));
    }
    return html.toString();
  }

  private static String removed(String id) {
    return "<div id=\"" + id + "\" data-live=\"remove\"></div>";
  }

  private TeamSeat seat(long teamId) {
    return dryRuns.seat(viewer, teamId);
  }
}
