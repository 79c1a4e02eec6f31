package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.LiveStream;
import io.breachdrill.drill.LiveStreams;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A drill's scorecard: for the facilitator who runs it, and for evaluators and managers, who may
 * read any drill's. Scored afresh from the drill's events on every request.
 */
@Path("/drills/{drill}/scorecard")
@RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class ScorecardResource {

  private final Drills drills;
  private final LiveStreams streams;
  private final Viewer viewer;

  ScorecardResource(Drills drills, LiveStreams streams, Viewer viewer) {
    this.drills = drills;
    this.streams = streams;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance scorecard(
        ScorecardView card, long lastSeq, TimelineChart timeline);

    static native TemplateInstance scorecard$scores(ScorecardView card, TimelineChart timeline);
  }

  @GET
  public TemplateInstance page(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = drills.readable(viewer, drillId);
    return Templates.scorecard(
        view(snapshot),
        snapshot.state().lastSeq(),
        TimelineChart.of(snapshot.state(), snapshot.scenario()));
  }

  /** The scores again after every event, while the drill runs and after (adjustments, ratings). */
  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @PathParam("drill") long drillId,
      @QueryParam("after") Long after,
      @Context HttpHeaders headers,
      @Context SseEventSink sink,
      @Context Sse sse) {
    drills.readable(viewer, drillId);
    streams.open(
        drillId,
        LiveStream.startAfter(headers, after),
        (snapshot, event) ->
            event.seq() == snapshot.state().lastSeq()
                ? Templates.scorecard$scores(
                        view(snapshot), TimelineChart.of(snapshot.state(), snapshot.scenario()))
                    .render()
                : null,
        sink,
        sse);
  }

  private static ScorecardView view(Drills.Snapshot snapshot) {
    return ScorecardView.of(
        snapshot.drill().id,
        snapshot.drill().title,
        snapshot.state().status().label(),
        snapshot.scenario(),
        Scorer.score(snapshot.scenario(), snapshot.state()));
  }
}
