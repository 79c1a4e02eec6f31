package io.breachdrill.drill;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.Outcome;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Scenario;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A facilitator's drills as JSON: the folded state and the event log it comes from. */
@Path("/api/drills/{drill}")
@RolesAllowed(Roles.FACILITATOR)
@Produces(MediaType.APPLICATION_JSON)
public class DrillApi {

  public record State(
      long id,
      String title,
      String scenarioId,
      String scenarioHash,
      String status,
      BigDecimal speed,
      long drillMs,
      long lastSeq,
      List<TeamView> teams) {}

  public record TeamView(
      long id,
      String name,
      List<Member> members,
      List<Delivered> delivered,
      List<String> openDecisions,
      List<Decided> decisions) {}

  public record Delivered(
      long seq,
      String injectId,
      String title,
      long shownMs,
      long drillMs,
      Long dueMs,
      boolean early) {}

  public record Decided(
      long seq,
      String decisionId,
      String optionId,
      boolean timedOut,
      String by,
      String rationale,
      long drillMs) {}

  private final Drills drills;
  private final Viewer viewer;
  private final InstantSource clock;

  DrillApi(Drills drills, Viewer viewer, InstantSource clock) {
    this.drills = drills;
    this.viewer = viewer;
    this.clock = clock;
  }

  @GET
  @Operation(summary = "The drill as its event log folds: status, clock and every team's position")
  public State state(@PathParam("drill") long drillId) {
    Drills.Snapshot snapshot = drills.owned(viewer, drillId);
    DrillState state = snapshot.state();
    return new State(
        drillId,
        state.title(),
        state.scenarioId(),
        state.scenarioHash(),
        state.status().key(),
        state.speed().factor(),
        state.drillTime(clock.instant()).toMillis(),
        state.lastSeq(),
        state.teamList().stream().map(t -> team(t, snapshot.scenario())).toList());
  }

  @GET
  @Path("events")
  @Operation(summary = "The drill's events after the given seq, in order")
  public List<DrillEvent> events(
      @PathParam("drill") long drillId, @QueryParam("after") @DefaultValue("0") long after) {
    drills.owned(viewer, drillId);
    return drills.snapshot(drillId).events().stream().filter(e -> e.seq() > after).toList();
  }

  private static TeamView team(TeamState team, Scenario scenario) {
    return new TeamView(
        team.teamId(),
        team.name(),
        team.members(),
        team.feed().stream().map(DrillApi::delivered).toList(),
        team.openDecisions(scenario).stream().map(d -> d.decision().id()).toList(),
        team.outcomes().values().stream().map(DrillApi::decided).toList());
  }

  private static Delivered delivered(Delivery d) {
    return new Delivered(
        d.seq(), d.injectId(), d.title(), d.shownMs(), d.drillMs(), d.dueMs(), d.early());
  }

  private static Decided decided(Outcome o) {
    return new Decided(
        o.seq(), o.decisionId(), o.optionId(), o.timedOut(), o.name(), o.rationale(), o.drillMs());
  }
}
