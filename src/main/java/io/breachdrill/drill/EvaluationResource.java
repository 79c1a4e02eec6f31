package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.engine.Assessment;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Rating;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.HotwashQuestion;
import io.breachdrill.scenario.Phase;
import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Evaluators (and the drill's facilitator) rate each team's phases on the HSEEP scale and note
 * observations, during and after a drill; the facilitator adjusts a step's credit with a reason.
 */
@Path("/drills/{drill}/evaluation")
@RolesAllowed({Roles.EVALUATOR, Roles.FACILITATOR})
@Produces(MediaType.TEXT_HTML)
public class EvaluationResource {

  static final Set<EventType> OBSERVABLE =
      Set.of(EventType.INJECT_DELIVERED, EventType.DECISION_MADE, EventType.DECISION_TIMED_OUT);

  /** A phase of the scenario with the latest rating of it. */
  public record PhaseRating(Phase phase, Assessment rating) {}

  /** An event of the team's timeline an observation can be about. */
  public record EventChoice(long seq, String label) {}

  /** One team as the evaluator sees it. */
  public record TeamAssessment(
      TeamState team,
      List<PhaseRating> ratings,
      List<Assessment> observations,
      List<Assessment> adjustments,
      List<EventChoice> events) {}

  private final Drills drills;
  private final Viewer viewer;

  EvaluationResource(Drills drills, Viewer viewer) {
    this.drills = drills;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance evaluation(
        Drill drill,
        String title,
        boolean open,
        boolean facilitator,
        List<TeamAssessment> teams,
        List<Rating> scale,
        List<PlaybookStep> steps,
        List<HotwashQuestion> questions);
  }

  @GET
  public TemplateInstance show(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = drills.assessable(viewer, drillId);
    Scenario scenario = snapshot.scenario();
    List<TeamAssessment> teams =
        snapshot.state().teamList().stream()
            .map(team -> assessment(team, snapshot, scenario))
            .toList();
    DrillStatus status = snapshot.state().status();
    return Templates.evaluation(
        snapshot.drill(),
        snapshot.state().title(),
        status.started(),
        snapshot.drill().runBy(viewer.requireUser().id()),
        teams,
        List.of(Rating.values()),
        scenario.playbook(),
        scenario.hotwashQuestions());
  }

  @POST
  @Path("ratings")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response rate(
      @PathParam("drill") long drillId,
      @FormParam("team") long teamId,
      @FormParam("phase") String phase,
      @FormParam("rating") String rating,
      @FormParam("note") String note) {
    drills.rate(viewer, drillId, teamId, phase, rating, note);
    return back(drillId, teamId);
  }

  @POST
  @Path("observations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response observe(
      @PathParam("drill") long drillId,
      @FormParam("team") long teamId,
      @FormParam("about") String about,
      @FormParam("text") String text) {
    Long aboutSeq = null;
    if (about != null && !about.isBlank()) {
      try {
        aboutSeq = Long.valueOf(about.strip());
      } catch (NumberFormatException e) {
        throw new Invalid("Choose an event of the timeline, or none.");
      }
    }
    drills.observe(viewer, drillId, teamId, aboutSeq, text);
    return back(drillId, teamId);
  }

  @POST
  @Path("adjustments")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Roles.FACILITATOR)
  public Response adjust(
      @PathParam("drill") long drillId,
      @FormParam("team") long teamId,
      @FormParam("step") String stepId,
      @FormParam("credit") String credit,
      @FormParam("reason") String reason) {
    BigDecimal points;
    try {
      points = new BigDecimal(credit == null ? "" : credit.strip());
    } catch (NumberFormatException e) {
      throw new Invalid("Give the change of credit as a number of points, such as 5 or -2.5.");
    }
    drills.adjust(viewer, drillId, teamId, stepId, points, reason);
    return back(drillId, teamId);
  }

  private static TeamAssessment assessment(
      TeamState team, Drills.Snapshot snapshot, Scenario scenario) {
    List<PhaseRating> ratings =
        scenario.phases().stream()
            .map(phase -> new PhaseRating(phase, team.ratings().get(phase.key())))
            .toList();
    List<EventChoice> events =
        snapshot.events().stream()
            .filter(
                e ->
                    OBSERVABLE.contains(e.type()) && Long.valueOf(team.teamId()).equals(e.teamId()))
            .map(e -> choice(e, snapshot, scenario))
            .toList();
    return new TeamAssessment(
        team,
        ratings,
        team.assessments().stream().filter(a -> a.type() == EventType.OBSERVATION_ADDED).toList(),
        team.assessments().stream().filter(a -> a.type() == EventType.SCORE_ADJUSTED).toList(),
        events);
  }

  private static EventChoice choice(DrillEvent event, Drills.Snapshot snapshot, Scenario scenario) {
    return new EventChoice(
        event.seq(),
        "#"
            + event.seq()
            + " "
            + DrillTimes.format(event.drillMs())
            + " "
            + event.type().label()
            + ": "
            + DrillViews.summary(event, scenario));
  }

  private static Response back(long drillId, long teamId) {
    return Response.seeOther(URI.create("/drills/" + drillId + "/evaluation#team-" + teamId))
        .build();
  }
}
