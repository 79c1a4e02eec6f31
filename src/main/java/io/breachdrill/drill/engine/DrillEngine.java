package io.breachdrill.drill.engine;

import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Decision;
import io.breachdrill.scenario.DecisionOption;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rules of a drill, as pure functions: each takes the current state, the scenario and the wall
 * time, and returns the events to append (numbered after the state's last one) or refuses with a
 * {@link DrillRefused} that says why. Nothing here reads a clock or a database.
 */
public final class DrillEngine {

  public static final int MAX_RATIONALE = 2000;
  public static final int MAX_TEXT = 4000;
  public static final int MAX_TITLE = 200;

  private DrillEngine() {}

  public static DrillEvent created(
      String title,
      String scenarioId,
      String scenarioHash,
      Speed speed,
      String actor,
      Instant now) {
    EventData data =
        EventData.builder().title(title).scenario(scenarioId, scenarioHash).speed(speed).build();
    return new DrillEvent(1, EventType.CREATED, null, millis(now), 0, actor, data);
  }

  public static DrillEvent addTeam(
      DrillState state, long teamId, String name, String actor, Instant now) {
    if (!state.status().preparing()) {
      throw new DrillRefused("Teams can only be added before the drill starts.");
    }
    if (state.teamList().stream().anyMatch(t -> t.name().equalsIgnoreCase(name))) {
      throw new DrillRefused("There is already a team called " + name + " in this drill.");
    }
    return event(
        state,
        EventType.TEAM_ADDED,
        teamId,
        now,
        actor,
        EventData.builder().teamName(name).build());
  }

  public static DrillEvent join(DrillState state, long teamId, Member member, Instant now) {
    if (state.status() == DrillStatus.FINISHED) {
      throw new DrillRefused("This drill has finished; there is nothing left to join.");
    }
    requireTeam(state, teamId);
    return event(
        state,
        EventType.PARTICIPANT_JOINED,
        teamId,
        now,
        member.name(),
        EventData.builder().member(member).build());
  }

  public static DrillEvent open(DrillState state, String actor, Instant now) {
    if (!state.status().canOpen()) {
      throw refusedIn(state, "open the lobby");
    }
    return event(state, EventType.OPENED, null, now, actor, EventData.NONE);
  }

  public static DrillEvent start(DrillState state, String actor, Instant now) {
    if (!state.status().preparing()) {
      throw refusedIn(state, "start it");
    }
    if (state.teams().isEmpty()) {
      throw new DrillRefused("Add at least one team before starting the drill.");
    }
    return event(state, EventType.STARTED, null, now, actor, EventData.NONE);
  }

  public static DrillEvent pause(DrillState state, String actor, Instant now) {
    if (!state.status().canPause()) {
      throw refusedIn(state, "pause it");
    }
    return event(state, EventType.PAUSED, null, now, actor, EventData.NONE);
  }

  public static DrillEvent resume(DrillState state, String actor, Instant now) {
    if (!state.status().canResume()) {
      throw refusedIn(state, "resume it");
    }
    return event(state, EventType.RESUMED, null, now, actor, EventData.NONE);
  }

  public static DrillEvent finish(DrillState state, String actor, Instant now) {
    if (!state.status().canFinish()) {
      throw refusedIn(state, "finish it");
    }
    return event(state, EventType.FINISHED, null, now, actor, EventData.NONE);
  }

  public static DrillEvent speed(DrillState state, Speed speed, String actor, Instant now) {
    if (state.status() == DrillStatus.FINISHED) {
      throw refusedIn(state, "change its speed");
    }
    if (state.speed().equals(speed)) {
      throw new DrillRefused("The drill already runs at " + speed.label() + ".");
    }
    return event(
        state, EventType.SPEED_CHANGED, null, now, actor, EventData.builder().speed(speed).build());
  }

  public static DrillEvent note(
      DrillState state, Long teamId, String text, String actor, Instant now) {
    String clean = text == null ? "" : text.strip();
    if (clean.isEmpty() || clean.length() > MAX_TEXT) {
      throw new DrillRefused("Write a note of 1 to " + MAX_TEXT + " characters.");
    }
    if (teamId != null) {
      requireTeam(state, teamId);
    }
    return event(
        state, EventType.NOTE_ADDED, teamId, now, actor, EventData.builder().text(clean).build());
  }

  /** An evaluator's HSEEP rating of how a team performed one of the scenario's phases. */
  public static DrillEvent rate(
      DrillState state,
      Scenario scenario,
      long teamId,
      String phase,
      String rating,
      String note,
      String actor,
      Instant now) {
    requireAssessable(state, "rate a team");
    requireTeam(state, teamId);
    if (scenario.phases().stream().noneMatch(p -> p.key().equals(phase))) {
      throw new DrillRefused("Rate one of the phases this scenario exercises.");
    }
    Rating chosen =
        Rating.fromKey(rating == null ? "" : rating)
            .orElseThrow(() -> new DrillRefused("Choose a rating: P, S, M or U."));
    EventData data =
        EventData.builder().rating(phase, chosen).text(optionalText(note, "observation")).build();
    return event(state, EventType.RATING_SET, teamId, now, actor, data);
  }

  /** An observation about a team, optionally about one event of the timeline. */
  public static DrillEvent observe(
      DrillState state, long teamId, Long aboutSeq, String text, String actor, Instant now) {
    requireAssessable(state, "add an observation");
    requireTeam(state, teamId);
    if (aboutSeq != null && (aboutSeq < 1 || aboutSeq > state.lastSeq())) {
      throw new DrillRefused("There is no event " + aboutSeq + " in this drill's timeline.");
    }
    String clean = optionalText(text, "observation");
    if (clean == null) {
      throw new DrillRefused("Write the observation.");
    }
    EventData data = EventData.builder().aboutSeq(aboutSeq).text(clean).build();
    return event(state, EventType.OBSERVATION_ADDED, teamId, now, actor, data);
  }

  /**
   * A facilitator's change to the credit of a team's step, which always carries a reason and is
   * kept beside the automatic score, never folded into it.
   */
  public static DrillEvent adjust(
      DrillState state,
      Scenario scenario,
      long teamId,
      String stepId,
      BigDecimal credit,
      String reason,
      String actor,
      Instant now) {
    requireAssessable(state, "adjust a score");
    requireTeam(state, teamId);
    PlaybookStep step =
        scenario
            .step(stepId == null ? "" : stepId)
            .orElseThrow(() -> new DrillRefused("Choose a step of the playbook."));
    if (credit == null
        || credit.signum() == 0
        || credit.scale() > 1
        || credit.abs().compareTo(BigDecimal.valueOf(step.weight())) > 0) {
      throw new DrillRefused(
          "Adjust the credit by a non-zero number of points, with at most one decimal, up to the"
              + " step's weight ("
              + step.weight()
              + ") either way.");
    }
    String why = optionalText(reason, "reason");
    if (why == null) {
      throw new DrillRefused("Give the reason for the adjustment; it is shown with the score.");
    }
    EventData data = EventData.builder().adjustment(step.id(), credit).text(why).build();
    return event(state, EventType.SCORE_ADJUSTED, teamId, now, actor, data);
  }

  /**
   * A participant's answers to the hotwash once the drill has finished: once each, answers only to
   * the scenario's questions, at least one answer, confidence from 1 to 5 for its phases.
   */
  public static DrillEvent hotwash(
      DrillState state,
      Scenario scenario,
      long teamId,
      long participantId,
      Map<String, String> answers,
      Map<String, Integer> confidence,
      boolean anonymous,
      Instant now) {
    if (state.status() != DrillStatus.FINISHED) {
      throw new DrillRefused("The hotwash opens when the drill has finished.");
    }
    TeamState team = requireTeam(state, teamId);
    Member member =
        team.member(participantId)
            .orElseThrow(() -> new DrillRefused("Only members of this team can answer for it."));
    if (team.answeredHotwash(participantId)) {
      throw new DrillRefused("You have already answered the hotwash. Thank you.");
    }
    Set<String> phases = scenario.phases().stream().map(p -> p.key()).collect(Collectors.toSet());
    for (Map.Entry<String, Integer> answer : confidence.entrySet()) {
      if (!phases.contains(answer.getKey()) || answer.getValue() < 1 || answer.getValue() > 5) {
        throw new DrillRefused("Rate your confidence in each phase from 1 (low) to 5 (high).");
      }
    }
    Set<String> questions =
        scenario.hotwashQuestions().stream().map(q -> q.id()).collect(Collectors.toSet());
    Map<String, String> given = new TreeMap<>();
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      if (!questions.contains(answer.getKey())) {
        throw new DrillRefused("Answer the questions of this drill's hotwash.");
      }
      String text = optionalText(answer.getValue(), "answer");
      if (text != null) {
        given.put(answer.getKey(), text);
      }
    }
    if (given.isEmpty() && confidence.isEmpty()) {
      throw new DrillRefused("Answer at least one question.");
    }
    EventData.Builder builder = EventData.builder();
    if (anonymous) {
      builder.participant(participantId);
    } else {
      builder.member(member);
    }
    EventData data = builder.answers(given).confidence(confidence).anonymous(anonymous).build();
    return event(
        state,
        EventType.HOTWASH_SUBMITTED,
        teamId,
        now,
        anonymous ? "anonymous" : member.name(),
        data);
  }

  private static void requireAssessable(DrillState state, String what) {
    if (!state.status().started()) {
      throw refusedIn(state, what);
    }
  }

  private static String optionalText(String text, String what) {
    String clean = text == null ? "" : text.strip();
    if (clean.length() > MAX_TEXT) {
      throw new DrillRefused("Keep the " + what + " to " + MAX_TEXT + " characters.");
    }
    return clean.isEmpty() ? null : clean;
  }

  /**
   * The first answer of a team to an open decision. A later one, from the same member or another,
   * is refused with who decided and when, so a double click or a retry never records twice.
   */
  public static DrillEvent decide(
      DrillState state,
      Scenario scenario,
      long teamId,
      long participantId,
      String decisionId,
      String optionId,
      String rationale,
      Instant now) {
    TeamState team = requireTeam(state, teamId);
    Inject inject =
        scenario
            .injectDeciding(decisionId)
            .orElseThrow(
                () ->
                    new DrillRefused(
                        "There is no decision '" + decisionId + "' in this scenario."));
    Decision decision = inject.decision();
    Optional<Outcome> outcome = team.outcome(decisionId);
    if (outcome.isPresent()) {
      throw new DrillRefused(alreadyDecided(outcome.get()));
    }
    if (!team.received(inject.id())) {
      throw new DrillRefused("This decision has not reached your team yet.");
    }
    if (state.status() == DrillStatus.PAUSED) {
      throw new DrillRefused(
          "The drill is paused: the facilitator has stopped the clock. Decide when it resumes.");
    }
    if (state.status() != DrillStatus.RUNNING) {
      throw new DrillRefused(
          "The drill is " + state.status().label().toLowerCase() + "; decisions are closed.");
    }
    Member member =
        team.member(participantId)
            .orElseThrow(() -> new DrillRefused("Only members of this team can decide for it."));
    if (!team.sees(member, inject)) {
      throw new DrillRefused("This decision is for " + String.join(", ", inject.to()) + ".");
    }
    DecisionOption option =
        decision.options().stream()
            .filter(o -> o.id().equals(optionId))
            .findFirst()
            .orElseThrow(() -> new DrillRefused("Choose one of the options."));
    Duration drillTime = state.drillTime(millis(now));
    OpenDecision open =
        team.openDecisions(scenario).stream()
            .filter(d -> d.decision().id().equals(decisionId))
            .findFirst()
            .orElseThrow();
    if (open.deadlineMs() != null && drillTime.toMillis() > open.deadlineMs()) {
      throw new DrillRefused(
          "The time for this decision ran out at " + DrillTimes.format(open.deadlineMs()) + ".");
    }
    String why = rationale == null ? "" : rationale.strip();
    if (why.length() > MAX_RATIONALE) {
      throw new DrillRefused("Keep the rationale to " + MAX_RATIONALE + " characters.");
    }
    EventData data =
        EventData.builder()
            .member(member)
            .decision(decisionId, option.id())
            .rationale(why.isEmpty() ? null : why)
            .build();
    return event(state, EventType.DECISION_MADE, teamId, now, member.name(), data);
  }

  public static String alreadyDecided(Outcome outcome) {
    return outcome.timedOut()
        ? "This decision already timed out at " + DrillTimes.format(outcome.effectiveMs()) + "."
        : "Already decided by "
            + outcome.name()
            + " at "
            + DrillTimes.format(outcome.drillMs())
            + ".";
  }

  /**
   * A scenario inject delivered now, ahead of its time, to the chosen teams that have not had it.
   * Refused when every chosen team already has it.
   */
  public static List<DrillEvent> fire(
      DrillState state,
      Scenario scenario,
      String injectId,
      Collection<Long> teamIds,
      String actor,
      Instant now) {
    requireLive(state, "fire an inject");
    Inject inject =
        scenario
            .inject(injectId)
            .orElseThrow(
                () -> new DrillRefused("There is no inject '" + injectId + "' in this scenario."));
    List<DrillEvent> events = new ArrayList<>();
    DrillState next = state;
    for (long teamId : chosen(state, teamIds)) {
      if (next.teams().get(teamId).received(injectId)) {
        continue;
      }
      EventData data = EventData.builder().injectId(inject.id()).early(true).build();
      DrillEvent event = event(next, EventType.INJECT_DELIVERED, teamId, now, actor, data);
      events.add(event);
      next = next.apply(event);
    }
    if (events.isEmpty()) {
      throw new DrillRefused("Every chosen team has already received " + inject.headline() + ".");
    }
    return events;
  }

  /** A facilitator's own inject, written on the spot, to the chosen teams. */
  public static List<DrillEvent> adhoc(
      DrillState state,
      Collection<Long> teamIds,
      Channel channel,
      String title,
      String body,
      String actor,
      Instant now) {
    requireLive(state, "send an inject");
    String cleanTitle = title == null ? "" : title.strip();
    String cleanBody = body == null ? "" : body.strip();
    if (cleanTitle.isEmpty() || cleanTitle.length() > MAX_TITLE) {
      throw new DrillRefused("Give the inject a title of 1 to " + MAX_TITLE + " characters.");
    }
    if (cleanBody.isEmpty() || cleanBody.length() > MAX_TEXT) {
      throw new DrillRefused("Write the inject's text (1 to " + MAX_TEXT + " characters).");
    }
    List<DrillEvent> events = new ArrayList<>();
    DrillState next = state;
    for (long teamId : chosen(state, teamIds)) {
      EventData data =
          EventData.builder().channel(channel.key()).title(cleanTitle).body(cleanBody).build();
      DrillEvent event = event(next, EventType.INJECT_DELIVERED, teamId, now, actor, data);
      events.add(event);
      next = next.apply(event);
    }
    return events;
  }

  /**
   * Everything that has come due by now, in drill-time order: injects at their time, branches after
   * their decision, and decisions whose time ran out. Each delivery keeps the drill time it was
   * due, so after downtime the team still sees when it should have arrived.
   */
  public static List<DrillEvent> due(DrillState state, Scenario scenario, Instant now) {
    List<DrillEvent> events = new ArrayList<>();
    if (state.status() != DrillStatus.RUNNING) {
      return events;
    }
    Duration drillNow = state.drillTime(millis(now));
    DrillState next = state;
    while (true) {
      Optional<Pending> first = pending(next, scenario).stream().findFirst();
      if (first.isEmpty() || first.get().dueMs() > drillNow.toMillis()) {
        return events;
      }
      DrillEvent event = first.get().toEvent(next, now);
      events.add(event);
      next = next.apply(event);
    }
  }

  /** The drill time at which the next thing comes due, if anything is left to come. */
  public static Optional<Duration> nextDue(DrillState state, Scenario scenario) {
    if (state.status() != DrillStatus.RUNNING) {
      return Optional.empty();
    }
    return pending(state, scenario).stream().findFirst().map(p -> Duration.ofMillis(p.dueMs()));
  }

  /** The wall instant at which the next thing comes due; empty while nothing runs. */
  public static Optional<Instant> nextDueWall(DrillState state, Scenario scenario) {
    return nextDue(state, scenario).flatMap(d -> state.clock().wallWhen(d));
  }

  /** Something that will happen to a team unless the facilitator finishes first. */
  record Pending(long teamId, long dueMs, int order, Inject inject, OpenDecision timeout) {

    DrillEvent toEvent(DrillState state, Instant now) {
      if (inject != null) {
        EventData data = EventData.builder().injectId(inject.id()).dueMs(dueMs).build();
        return event(state, EventType.INJECT_DELIVERED, teamId, now, null, data);
      }
      EventData data =
          EventData.builder().decision(timeout.decision().id(), null).deadlineMs(dueMs).build();
      return event(state, EventType.DECISION_TIMED_OUT, teamId, now, null, data);
    }
  }

  static List<Pending> pending(DrillState state, Scenario scenario) {
    List<Pending> pending = new ArrayList<>();
    int teamOrder = 0;
    for (TeamState team : state.teamList()) {
      int order = teamOrder++ * 10_000;
      Set<String> received = team.receivedIds();
      for (int i = 0; i < scenario.injects().size(); i++) {
        Inject inject = scenario.injects().get(i);
        if (received.contains(inject.id())) {
          continue;
        }
        Optional<Long> due = dueOf(inject, team);
        if (due.isPresent()) {
          pending.add(new Pending(team.teamId(), due.get(), order + i, inject, null));
        }
      }
      for (OpenDecision open : team.openDecisions(scenario)) {
        if (open.deadlineMs() != null) {
          pending.add(new Pending(team.teamId(), open.deadlineMs(), order + 9_999, null, open));
        }
      }
    }
    pending.sort(Comparator.comparingLong(Pending::dueMs).thenComparingInt(Pending::order));
    return pending;
  }

  private static Optional<Long> dueOf(Inject inject, TeamState team) {
    if (inject.at() != null) {
      return Optional.of(inject.at().toMillis());
    }
    Inject.After after = inject.after();
    return team.outcome(after.decision())
        .filter(o -> o.timedOut() ? after.onTimeout() : after.options().contains(o.optionId()))
        .map(o -> o.effectiveMs() + after.delay().toMillis());
  }

  private static List<Long> chosen(DrillState state, Collection<Long> teamIds) {
    if (teamIds == null || teamIds.isEmpty()) {
      throw new DrillRefused("Choose at least one team.");
    }
    for (long teamId : teamIds) {
      requireTeam(state, teamId);
    }
    return state.teams().keySet().stream().filter(teamIds::contains).toList();
  }

  private static TeamState requireTeam(DrillState state, long teamId) {
    return state
        .team(teamId)
        .orElseThrow(() -> new DrillRefused("There is no team " + teamId + " in this drill."));
  }

  private static void requireLive(DrillState state, String what) {
    if (!state.status().live()) {
      throw refusedIn(state, what);
    }
  }

  private static DrillRefused refusedIn(DrillState state, String what) {
    return new DrillRefused(
        "The drill is " + state.status().label().toLowerCase() + ": you cannot " + what + " now.");
  }

  private static DrillEvent event(
      DrillState state, EventType type, Long teamId, Instant now, String actor, EventData data) {
    Instant at = millis(now);
    return new DrillEvent(
        state.lastSeq() + 1, type, teamId, at, state.drillTime(at).toMillis(), actor, data);
  }

  /** Wall times are kept to the millisecond, as the database stores them, so a refold is exact. */
  static Instant millis(Instant now) {
    return now.truncatedTo(ChronoUnit.MILLIS);
  }
}
