package io.breachdrill.scoring;

import io.breachdrill.account.Roles;
import io.breachdrill.account.Viewer;
import io.breachdrill.drill.Drills;
import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.web.Conflict;
import io.breachdrill.web.Invalid;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished drill stepped through event by event: each team's feed, open decisions, decisions and
 * score as they were right after the chosen event, rebuilt by folding and scoring the log up to it.
 * Plain links step through it, so it needs no JavaScript.
 */
@Path("/drills/{drill}/replay")
@RolesAllowed({Roles.FACILITATOR, Roles.EVALUATOR, Roles.MANAGER})
@Produces(MediaType.TEXT_HTML)
public class ReplayResource {

  /** The moment shown: an event of the log and its neighbours. */
  public record Moment(
      long drillId,
      String title,
      long seq,
      long last,
      String time,
      String what,
      String team,
      Long previous,
      Long next) {}

  /** A team as it stood at that moment. */
  public record TeamAtMoment(
      String name,
      BigDecimal percentage,
      BigDecimal earned,
      int maximum,
      List<FeedLine> feed,
      List<String> open,
      List<String> decided) {}

  /** One inject in the team's feed, newest first. */
  public record FeedLine(String time, String channel, String title, boolean fresh) {}

  /** One event of the timeline, to jump to. */
  public record Step(long seq, String time, String what, boolean current) {}

  private final Drills drills;
  private final Viewer viewer;

  ReplayResource(Drills drills, Viewer viewer) {
    this.drills = drills;
    this.viewer = viewer;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance replay(
        Moment moment, List<TeamAtMoment> teams, List<Step> timeline);
  }

  @GET
  public TemplateInstance replay(@PathParam("drill") long drillId, @QueryParam("at") Long at) {
    Drills.Snapshot snapshot = drills.readable(viewer, drillId);
    if (snapshot.state().status() != DrillStatus.FINISHED) {
      throw new Conflict("The replay opens when the drill has finished.");
    }
    List<DrillEvent> events = snapshot.events();
    long last = events.size();
    long seq = at == null ? 1 : at;
    if (seq < 1 || seq > last) {
      throw new Invalid("Choose an event from 1 to " + last + ".");
    }
    List<DrillEvent> upTo = events.subList(0, (int) seq);
    DrillEvent event = upTo.get(upTo.size() - 1);
    DrillState state = DrillState.fold(upTo);
    Scenario scenario = snapshot.scenario();
    Scorecard card = Scorer.score(scenario, upTo);
    List<TeamAtMoment> teams = new ArrayList<>();
    for (TeamState team : state.teamList()) {
      TeamScore score = card.team(team.teamId()).orElseThrow();
      teams.add(
          new TeamAtMoment(
              team.name(),
              score.percentage(),
              score.earned(),
              score.maximum(),
              feed(team, scenario, seq),
              team.openDecisions(scenario).stream()
                  .map(OpenDecision::decision)
                  .map(d -> d.prompt())
                  .toList(),
              score.path().stream().map(c -> c.decisionId() + " → " + c.optionId()).toList()));
    }
    String teamName =
        event.teamId() == null ? "" : state.team(event.teamId()).map(TeamState::name).orElse("");
    Moment moment =
        new Moment(
            drillId,
            snapshot.state().title(),
            seq,
            last,
            DrillTimes.format(event.drillMs()),
            event.type().label(),
            teamName,
            seq > 1 ? seq - 1 : null,
            seq < last ? seq + 1 : null);
    List<Step> timeline =
        events.stream()
            .map(
                e ->
                    new Step(
                        e.seq(),
                        DrillTimes.format(e.drillMs()),
                        e.type().label()
                            + (e.teamId() == null
                                ? ""
                                : " · "
                                    + snapshot
                                        .state()
                                        .team(e.teamId())
                                        .map(TeamState::name)
                                        .orElse("")),
                        e.seq() == seq))
            .toList();
    return Templates.replay(moment, teams, timeline);
  }

  private static List<FeedLine> feed(TeamState team, Scenario scenario, long seq) {
    List<FeedLine> lines = new ArrayList<>();
    for (int i = team.feed().size() - 1; i >= 0; i--) {
      Delivery delivery = team.feed().get(i);
      String channel =
          delivery.adhoc()
              ? delivery.channel()
              : scenario
                  .inject(delivery.injectId())
                  .map(Inject::channel)
                  .map(c -> c.label())
                  .orElse("");
      String title = delivery.headline(scenario);
      lines.add(
          new FeedLine(
              DrillTimes.format(delivery.shownMs()), channel, title, delivery.seq() == seq));
    }
    return lines;
  }
}
