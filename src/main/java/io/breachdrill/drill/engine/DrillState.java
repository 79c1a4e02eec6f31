package io.breachdrill.drill.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the rules need about a drill, and nothing else: a pure fold over its events. The same
 * events always give the same state, which is how a restarted node picks up where another left.
 */
public record DrillState(
    long lastSeq,
    String title,
    String scenarioId,
    String scenarioHash,
    DrillStatus status,
    DrillClock clock,
    Map<Long, TeamState> teams) {

  public static final DrillState NONE =
      new DrillState(0, "", "", "", DrillStatus.DRAFT, DrillClock.stopped(Speed.NORMAL), Map.of());

  public static DrillState fold(List<DrillEvent> events) {
    DrillState state = NONE;
    // One map for the whole fold: the states in between are never seen, so copying the teams for
    // every event (quadratic in a drill of many teams) buys nothing.
    Map<Long, TeamState> teams = new LinkedHashMap<>();
    for (DrillEvent event : events) {
      state = state.apply(event, teams);
    }
    return new DrillState(
        state.lastSeq,
        state.title,
        state.scenarioId,
        state.scenarioHash,
        state.status,
        state.clock,
        Collections.unmodifiableMap(state.teams));
  }

  public Duration drillTime(Instant wall) {
    return clock.at(wall);
  }

  public Speed speed() {
    return clock.speed();
  }

  public Optional<TeamState> team(long teamId) {
    return Optional.ofNullable(teams.get(teamId));
  }

  public Collection<TeamState> teamList() {
    return teams.values();
  }

  /** The same drill seen from one team: the others left out (for that team's own pages). */
  public DrillState withOnly(long teamId) {
    Map<Long, TeamState> one = new LinkedHashMap<>();
    team(teamId).ifPresent(t -> one.put(teamId, t));
    return new DrillState(lastSeq, title, scenarioId, scenarioHash, status, clock, one);
  }

  public DrillState apply(DrillEvent event) {
    return apply(event, null);
  }

  /** With {@code owned} set, team changes go into that map, which this state's teams must be. */
  private DrillState apply(DrillEvent event, Map<Long, TeamState> owned) {
    if (event.seq() != lastSeq + 1) {
      throw new IllegalStateException(
          "event " + event.seq() + " does not follow " + lastSeq + " in the drill's log");
    }
    EventData data = event.data();
    Instant at = event.at();
    switch (event.type()) {
      case CREATED:
        return new DrillState(
            event.seq(),
            data.title(),
            data.scenarioId(),
            data.scenarioHash(),
            DrillStatus.DRAFT,
            DrillClock.stopped(speedOf(data.speed())),
            owned == null ? Map.of() : owned);
      case TEAM_ADDED:
        return withTeams(owned, event, TeamState.empty(event.teamId(), data.teamName()));
      case OPENED:
        return with(event, DrillStatus.LOBBY, clock);
      case PARTICIPANT_JOINED:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withMember(new Member(data.participantId(), data.name(), data.role())));
      case STARTED:
      case RESUMED:
        return with(event, DrillStatus.RUNNING, clock.run(at));
      case PAUSED:
        return with(event, DrillStatus.PAUSED, clock.stop(at));
      case FINISHED:
        return with(event, DrillStatus.FINISHED, clock.stop(at));
      case SPEED_CHANGED:
        return with(event, status, clock.withSpeed(speedOf(data.speed()), at));
      case INJECT_DELIVERED:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withDelivery(
                    new Delivery(
                        event.seq(),
                        data.injectId(),
                        event.drillMs(),
                        data.dueMs(),
                        Boolean.TRUE.equals(data.early()),
                        data.channel(),
                        data.title(),
                        data.body())));
      case DECISION_MADE:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withOutcome(
                    new Outcome(
                        event.seq(),
                        data.decisionId(),
                        data.optionId(),
                        data.participantId(),
                        data.name(),
                        data.rationale(),
                        event.drillMs(),
                        event.drillMs())));
      case DECISION_TIMED_OUT:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withOutcome(
                    new Outcome(
                        event.seq(),
                        data.decisionId(),
                        null,
                        null,
                        null,
                        null,
                        event.drillMs(),
                        data.deadlineMs())));
      case RATING_SET:
      case OBSERVATION_ADDED:
      case SCORE_ADJUSTED:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withAssessment(
                    new Assessment(
                        event.seq(),
                        event.type(),
                        event.actor(),
                        event.drillMs(),
                        data.phase(),
                        data.rating() == null ? null : Rating.valueOf(data.rating()),
                        data.stepId(),
                        data.credit(),
                        data.aboutSeq(),
                        data.text())));
      case HOTWASH_SUBMITTED:
        return withTeams(
            owned,
            event,
            teams
                .get(event.teamId())
                .withHotwash(
                    new HotwashAnswer(
                        event.seq(),
                        data.participantId(),
                        Boolean.TRUE.equals(data.anonymous()) ? null : data.name(),
                        data.answers() == null ? Map.of() : data.answers(),
                        data.confidence() == null ? Map.of() : data.confidence())));
      default:
        return with(event, status, clock);
    }
  }

  private DrillState with(DrillEvent event, DrillStatus nextStatus, DrillClock nextClock) {
    return new DrillState(
        event.seq(), title, scenarioId, scenarioHash, nextStatus, nextClock, teams);
  }

  private DrillState withTeams(Map<Long, TeamState> owned, DrillEvent event, TeamState team) {
    Map<Long, TeamState> next = owned != null ? owned : new LinkedHashMap<>(teams);
    next.put(team.teamId(), team);
    return new DrillState(event.seq(), title, scenarioId, scenarioHash, status, clock, next);
  }

  private static Speed speedOf(BigDecimal factor) {
    return factor == null ? Speed.NORMAL : Speed.of(factor);
  }
}
