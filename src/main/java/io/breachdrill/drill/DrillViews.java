package io.breachdrill.drill;

import io.breachdrill.drill.engine.Delivery;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.DrillStatus;
import io.breachdrill.drill.engine.DrillTimes;
import io.breachdrill.drill.engine.EventData;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.Outcome;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.DecisionOption;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the drill pages show, built from a drill's state and scenario; templates get only these. */
final class DrillViews {

  private DrillViews() {}

  /** The drill clock as the page starts it; the browser keeps it ticking from these numbers. */
  record ClockView(
      DrillStatus status,
      long drillMs,
      int speedHundredths,
      String speedLabel,
      boolean running,
      String duration) {

    public String time() {
      return DrillTimes.format(drillMs);
    }

    public String statusKey() {
      return status.key();
    }

    public String statusLabel() {
      return status.label();
    }

    public boolean paused() {
      return status == DrillStatus.PAUSED;
    }

    public boolean finished() {
      return status == DrillStatus.FINISHED;
    }

    public boolean waiting() {
      return status.preparing();
    }
  }

  /** One inject in a team's feed. */
  record FeedItem(
      long seq,
      String channelKey,
      String channelLabel,
      String sender,
      String time,
      String title,
      String body,
      List<String> to,
      boolean early,
      boolean adhoc) {}

  /** A decision the team can still make. */
  record DecisionView(
      String id,
      String prompt,
      List<DecisionOption> options,
      String opened,
      Long deadlineMs,
      String deadline,
      List<String> to,
      boolean mine) {}

  /** How a decision ended. */
  record OutcomeView(
      long seq,
      String decisionId,
      String prompt,
      String choice,
      String by,
      String time,
      String rationale,
      boolean timedOut) {}

  /** One team on the facilitator's console. */
  record TeamCard(
      long id,
      String name,
      List<Member> members,
      int delivered,
      String latest,
      List<DecisionView> open,
      List<OutcomeView> outcomes) {}

  /** One line of the facilitator's timeline. */
  record TimelineRow(
      long seq, String time, String wall, String type, String team, String actor, String summary) {}

  static ClockView clock(DrillState state, Scenario scenario, Instant now) {
    DrillStatus status = state.status();
    return new ClockView(
        status,
        state.drillTime(now).toMillis(),
        state.speed().hundredths(),
        state.speed().label(),
        state.clock().running(),
        DrillTimes.format(scenario.duration().toMillis()));
  }

  /** The team's feed, newest first, as one member sees it. */
  static List<FeedItem> feed(TeamState team, Scenario scenario, Optional<Member> viewer) {
    List<FeedItem> items = new ArrayList<>();
    for (Delivery delivery : team.feed()) {
      item(delivery, team, scenario, viewer).ifPresent(items::add);
    }
    items.sort(Comparator.comparingLong(FeedItem::seq).reversed());
    return items;
  }

  static Optional<FeedItem> item(
      Delivery delivery, TeamState team, Scenario scenario, Optional<Member> viewer) {
    if (delivery.adhoc()) {
      Channel channel = Channel.fromKey(delivery.channel()).orElse(Channel.BRIEFING);
      return Optional.of(
          new FeedItem(
              delivery.seq(),
              channel.key(),
              channel.label(),
              "Facilitator",
              DrillTimes.format(delivery.shownMs()),
              delivery.title(),
              delivery.body(),
              List.of(),
              false,
              true));
    }
    Inject inject = scenario.inject(delivery.injectId()).orElseThrow();
    if (viewer.isPresent() && !team.sees(viewer.get(), inject)) {
      return Optional.empty();
    }
    return Optional.of(
        new FeedItem(
            delivery.seq(),
            inject.channel().key(),
            inject.channel().label(),
            inject.sender(),
            DrillTimes.format(delivery.shownMs()),
            inject.headline(),
            inject.body(),
            inject.to(),
            delivery.early(),
            false));
  }

  static List<DecisionView> open(TeamState team, Scenario scenario, Optional<Member> viewer) {
    List<DecisionView> open = new ArrayList<>();
    for (OpenDecision decision : team.openDecisions(scenario)) {
      boolean mine = viewer.map(m -> team.sees(m, decision.inject())).orElse(true);
      if (viewer.isEmpty() || mine) {
        open.add(decisionView(decision, mine));
      }
    }
    return open;
  }

  static DecisionView decisionView(OpenDecision open, boolean mine) {
    Decision decision = open.decision();
    return new DecisionView(
        decision.id(),
        decision.prompt(),
        decision.options(),
        DrillTimes.format(open.openedMs()),
        open.deadlineMs(),
        open.deadlineMs() == null ? null : DrillTimes.format(open.deadlineMs()),
        open.inject().to(),
        mine);
  }

  /** How the team's decisions ended, newest first. */
  static List<OutcomeView> outcomes(TeamState team, Scenario scenario) {
    return team.outcomes().values().stream()
        .sorted(Comparator.comparingLong(Outcome::seq).reversed())
        .map(outcome -> outcome(outcome, scenario))
        .toList();
  }

  static OutcomeView outcome(Outcome outcome, Scenario scenario) {
    Decision decision = scenario.injectDeciding(outcome.decisionId()).orElseThrow().decision();
    String choice =
        outcome.timedOut()
            ? "No answer in time"
            : decision.options().stream()
                .filter(o -> o.id().equals(outcome.optionId()))
                .map(DecisionOption::text)
                .findFirst()
                .orElse(outcome.optionId());
    return new OutcomeView(
        outcome.seq(),
        outcome.decisionId(),
        decision.prompt(),
        choice,
        outcome.name(),
        DrillTimes.format(outcome.timedOut() ? outcome.effectiveMs() : outcome.drillMs()),
        outcome.rationale(),
        outcome.timedOut());
  }

  static List<TeamCard> teams(DrillState state, Scenario scenario) {
    return state.teamList().stream().map(team -> card(team, scenario)).toList();
  }

  static TeamCard card(TeamState team, Scenario scenario) {
    List<Delivery> scenarioInjects = team.feed().stream().filter(d -> !d.adhoc()).toList();
    Delivery last = team.feed().isEmpty() ? null : team.feed().get(team.feed().size() - 1);
    String latest =
        last == null
            ? "Nothing delivered yet"
            : DrillTimes.format(last.shownMs()) + " " + last.headline(scenario);
    return new TeamCard(
        team.teamId(),
        team.name(),
        team.members(),
        scenarioInjects.size(),
        latest,
        open(team, scenario, Optional.empty()),
        outcomes(team, scenario));
  }

  static TimelineRow row(DrillEvent event, DrillState state, Scenario scenario) {
    String team =
        event.teamId() == null ? "" : state.team(event.teamId()).map(TeamState::name).orElse("");
    return new TimelineRow(
        event.seq(),
        DrillTimes.format(event.drillMs()),
        event.at().toString(),
        event.type().label(),
        team,
        event.actor() == null ? "dispatcher" : event.actor(),
        summary(event, scenario));
  }

  static List<TimelineRow> timeline(List<DrillEvent> events, DrillState state, Scenario scenario) {
    List<TimelineRow> rows = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      rows.add(row(events.get(i), state, scenario));
    }
    return rows;
  }

  static String summary(DrillEvent event, Scenario scenario) {
    EventData data = event.data();
    switch (event.type()) {
      case CREATED:
        return data.title()
            + " (scenario "
            + data.scenarioId()
            + ", "
            + data.speed().toPlainString()
            + "×)";
      case TEAM_ADDED:
        return data.teamName();
      case PARTICIPANT_JOINED:
        return data.name() + " as " + data.role();
      case SPEED_CHANGED:
        return "to " + data.speed().toPlainString() + "×";
      case INJECT_DELIVERED:
        if (data.injectId() == null) {
          return "ad-hoc: " + data.title();
        }
        String headline =
            scenario.inject(data.injectId()).map(Inject::headline).orElse(data.injectId());
        if (Boolean.TRUE.equals(data.early())) {
          return headline + " (fired early)";
        }
        return data.dueMs() != null && data.dueMs() + 1000 < event.drillMs()
            ? headline + " (due " + DrillTimes.format(data.dueMs()) + ")"
            : headline;
      case DECISION_MADE:
        String choice =
            scenario.injectDeciding(data.decisionId()).stream()
                .flatMap(i -> i.decision().options().stream())
                .filter(o -> o.id().equals(data.optionId()))
                .map(DecisionOption::text)
                .findFirst()
                .orElse(data.optionId());
        return data.decisionId()
            + ": "
            + choice
            + (data.rationale() == null ? "" : " (\"" + data.rationale() + "\")");
      case DECISION_TIMED_OUT:
        return data.decisionId() + ": no answer by " + DrillTimes.format(data.deadlineMs());
      case NOTE_ADDED:
      case OBSERVATION_ADDED:
        return (data.aboutSeq() == null ? "" : "about #" + data.aboutSeq() + ": ") + data.text();
      case RATING_SET:
        return data.phase()
            + ": "
            + data.rating()
            + (data.text() == null ? "" : " (\"" + data.text() + "\")");
      case HOTWASH_SUBMITTED:
        return Boolean.TRUE.equals(data.anonymous())
            ? "anonymous answers"
            : "answers of " + data.name();
      case SCORE_ADJUSTED:
        return data.stepId()
            + ": "
            + (data.credit().signum() > 0 ? "+" : "")
            + data.credit().toPlainString()
            + " points, because "
            + data.text();
      default:
        return "";
    }
  }
}
