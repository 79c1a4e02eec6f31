package io.breachdrill.drill.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.breachdrill.scenario.Channel;
import io.breachdrill.scenario.Inject;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The drill's rules, run against a small branching scenario with explicit wall times: nothing here
 * reads a clock, so every drill time and wall instant is asserted exactly.
 *
 * <p>The scenario (drill/engine/branching.yaml): kickoff at 0m for everyone; alert at 10m to
 * soc-analyst, asking first-move (10m limit: revoke leads to revoked after 3m, watch to pulled
 * after 5m, a time-out to silence after 2m); press-call at 30m to legal-comms and
 * incident-commander, asking press-answer (no limit); wrap-up at 55m.
 */
class DrillEngineTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Scenario SCENARIO = scenario("branching.yaml");

  private static final String FACILITATOR = "Fay Facilitator";
  private static final long RED = 11;
  private static final long BLUE = 22;
  private static final long UNKNOWN_TEAM = 99;
  // Red has a soc-analyst, so only Ana may answer the soc-analyst alert for it.
  private static final Member ANA = new Member(101, "Ana", "soc-analyst");
  private static final Member LEE = new Member(102, "Lee", "legal-comms");
  // Nobody in Blue is a soc-analyst, so any member may answer the alert for it.
  private static final Member CY = new Member(201, "Cy", "incident-commander");
  private static final Member DEE = new Member(202, "Dee", "legal-comms");

  private static final String PRESS_CALL_HEADLINE = "Phone: a reporter asks about a leaked model";

  private DrillState state = DrillState.NONE;
  private final List<DrillEvent> log = new ArrayList<>();

  // ------------------------------------------------------------------------------ helpers

  static Scenario scenario(String name) {
    String path = "/drill/engine/" + name;
    try (InputStream in = DrillEngineTest.class.getResourceAsStream(path)) {
      assertThat(in).as("test resource %s", path).isNotNull();
      ScenarioFile file = ScenarioReader.read(path, in.readAllBytes());
      assertThat(file.valid()).as("problems in %s: %s", path, file.problems()).isTrue();
      return file.scenario();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  private static Instant at(long minutes) {
    return at(min(minutes));
  }

  private DrillEvent append(DrillEvent event) {
    state = state.apply(event);
    log.add(event);
    return event;
  }

  private List<DrillEvent> append(List<DrillEvent> events) {
    events.forEach(this::append);
    return events;
  }

  private void created(Speed speed) {
    append(
        DrillEngine.created(
            "Night shift", SCENARIO.id(), "c0ffee", speed, FACILITATOR, at(min(-60))));
  }

  private void addTeam(long teamId, String name, Member... members) {
    append(DrillEngine.addTeam(state, teamId, name, FACILITATOR, at(min(-50))));
    for (Member member : members) {
      append(DrillEngine.join(state, teamId, member, at(min(-40))));
    }
  }

  /** A drill in the lobby with Red (Ana, Lee) only. */
  private void redInLobby(Speed speed) {
    created(speed);
    addTeam(RED, "Red", ANA, LEE);
    append(DrillEngine.open(state, FACILITATOR, at(min(-30))));
  }

  /** A drill in the lobby with Red (Ana, Lee) and Blue (Cy, Dee). */
  private void twoTeamsInLobby() {
    created(Speed.NORMAL);
    addTeam(RED, "Red", ANA, LEE);
    addTeam(BLUE, "Blue", CY, DEE);
    append(DrillEngine.open(state, FACILITATOR, at(min(-30))));
  }

  private void start(Instant now) {
    append(DrillEngine.start(state, FACILITATOR, now));
  }

  private void pause(Instant now) {
    append(DrillEngine.pause(state, FACILITATOR, now));
  }

  private void resume(Instant now) {
    append(DrillEngine.resume(state, FACILITATOR, now));
  }

  private void finish(Instant now) {
    append(DrillEngine.finish(state, FACILITATOR, now));
  }

  private List<DrillEvent> due(Instant now) {
    return append(DrillEngine.due(state, SCENARIO, now));
  }

  private List<DrillEvent> peekDue(Instant now) {
    return DrillEngine.due(state, SCENARIO, now);
  }

  private Optional<Instant> nextDueWall() {
    return DrillEngine.nextDueWall(state, SCENARIO);
  }

  private Optional<Duration> nextDue() {
    return DrillEngine.nextDue(state, SCENARIO);
  }

  private DrillEvent decide(long teamId, Member member, String option, Instant now) {
    return append(
        DrillEngine.decide(
            state, SCENARIO, teamId, member.participantId(), "first-move", option, null, now));
  }

  private ThrowingCallable deciding(long teamId, Member member, String option, Instant now) {
    return () ->
        DrillEngine.decide(
            state, SCENARIO, teamId, member.participantId(), "first-move", option, null, now);
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(DrillRefused.class).hasMessage(message);
  }

  private TeamState team(long teamId) {
    return state.team(teamId).orElseThrow();
  }

  private List<String> feed(long teamId) {
    return team(teamId).feed().stream().map(Delivery::injectId).toList();
  }

  private static List<String> injectIds(List<DrillEvent> events) {
    return events.stream().map(e -> e.data().injectId()).toList();
  }

  private static List<Long> seqs(long first, int count) {
    return LongStream.range(first, first + count).boxed().toList();
  }

  // ------------------------------------------------------------------------------ fixture

  @Test
  void theFixtureIsAValidBranchingScenario() {
    assertThat(SCENARIO.id()).isEqualTo("engine-branching");
    assertThat(SCENARIO.injects())
        .extracting(Inject::id)
        .containsExactly(
            "kickoff", "alert", "revoked", "pulled", "silence", "press-call", "wrap-up");
    Inject alert = SCENARIO.inject("alert").orElseThrow();
    assertThat(alert.at()).isEqualTo(min(10));
    assertThat(alert.to()).containsExactly("soc-analyst");
    assertThat(alert.decision().timeLimit()).isEqualTo(min(10));
    assertThat(SCENARIO.inject("revoked").orElseThrow().after())
        .isEqualTo(new Inject.After("first-move", List.of("revoke"), min(3)));
    assertThat(SCENARIO.inject("pulled").orElseThrow().after())
        .isEqualTo(new Inject.After("first-move", List.of("watch"), min(5)));
    assertThat(SCENARIO.inject("silence").orElseThrow().after())
        .isEqualTo(new Inject.After("first-move", List.of("timeout"), min(2)));
    assertThat(SCENARIO.inject("press-call").orElseThrow().decision().timeLimit()).isNull();
    assertThat(SCENARIO.inject("press-call").orElseThrow().headline())
        .isEqualTo(PRESS_CALL_HEADLINE);
  }

  // ------------------------------------------------------------------------------ creation

  @Test
  void createdIsTheFirstEventAndFoldsIntoADraftAtItsSpeed() {
    DrillEvent event =
        DrillEngine.created(
            "Night shift",
            "engine-branching",
            "c0ffee",
            new Speed(250),
            FACILITATOR,
            T0.plusNanos(1_234_567));
    assertThat(event.seq()).isEqualTo(1);
    assertThat(event.type()).isEqualTo(EventType.CREATED);
    assertThat(event.teamId()).isNull();
    assertThat(event.at()).isEqualTo(T0.plusMillis(1));
    assertThat(event.drillMs()).isZero();
    assertThat(event.actor()).isEqualTo(FACILITATOR);
    assertThat(event.data().title()).isEqualTo("Night shift");
    assertThat(event.data().scenarioId()).isEqualTo("engine-branching");
    assertThat(event.data().scenarioHash()).isEqualTo("c0ffee");
    assertThat(event.data().speed()).isEqualByComparingTo("2.5");

    state = DrillState.NONE.apply(event);
    assertThat(state.lastSeq()).isEqualTo(1);
    assertThat(state.status()).isEqualTo(DrillStatus.DRAFT);
    assertThat(state.title()).isEqualTo("Night shift");
    assertThat(state.scenarioId()).isEqualTo("engine-branching");
    assertThat(state.scenarioHash()).isEqualTo("c0ffee");
    assertThat(state.speed()).isEqualTo(new Speed(250));
    assertThat(state.teams()).isEmpty();
    assertThat(state.clock().running()).isFalse();
    assertThat(state.drillTime(at(90))).isEqualTo(Duration.ZERO);
  }

  // ------------------------------------------------------------------------------ state machine

  @Test
  void theLobbyOpensOnlyFromDraft() {
    created(Speed.NORMAL);
    DrillEvent opened = append(DrillEngine.open(state, FACILITATOR, at(-30)));
    assertThat(opened.type()).isEqualTo(EventType.OPENED);
    assertThat(state.status()).isEqualTo(DrillStatus.LOBBY);
    refused(
        () -> DrillEngine.open(state, FACILITATOR, at(-29)),
        "The drill is lobby: you cannot open the lobby now.");
    addTeam(RED, "Red");
    start(T0);
    refused(
        () -> DrillEngine.open(state, FACILITATOR, at(1)),
        "The drill is running: you cannot open the lobby now.");
  }

  @Test
  void startNeedsATeamAndComesFromDraftOrLobby() {
    created(Speed.NORMAL);
    refused(
        () -> DrillEngine.start(state, FACILITATOR, T0),
        "Add at least one team before starting the drill.");
    addTeam(RED, "Red");
    // straight from draft, without opening the lobby
    DrillEvent started = append(DrillEngine.start(state, FACILITATOR, T0));
    assertThat(started.type()).isEqualTo(EventType.STARTED);
    assertThat(started.drillMs()).isZero();
    assertThat(state.status()).isEqualTo(DrillStatus.RUNNING);
    assertThat(state.clock()).isEqualTo(new DrillClock(true, T0, Duration.ZERO, Speed.NORMAL));
    refused(
        () -> DrillEngine.start(state, FACILITATOR, at(1)),
        "The drill is running: you cannot start it now.");
    pause(at(2));
    refused(
        () -> DrillEngine.start(state, FACILITATOR, at(3)),
        "The drill is paused: you cannot start it now.");
    finish(at(4));
    refused(
        () -> DrillEngine.start(state, FACILITATOR, at(5)),
        "The drill is finished: you cannot start it now.");
  }

  @Test
  void startFromTheLobby() {
    redInLobby(Speed.NORMAL);
    start(T0);
    assertThat(state.status()).isEqualTo(DrillStatus.RUNNING);
    assertThat(state.drillTime(at(3))).isEqualTo(min(3));
  }

  @Test
  void pauseOnlyWhileRunningAndResumeOnlyWhilePaused() {
    created(Speed.NORMAL);
    addTeam(RED, "Red");
    refused(
        () -> DrillEngine.pause(state, FACILITATOR, T0),
        "The drill is draft: you cannot pause it now.");
    refused(
        () -> DrillEngine.resume(state, FACILITATOR, T0),
        "The drill is draft: you cannot resume it now.");
    append(DrillEngine.open(state, FACILITATOR, at(-1)));
    refused(
        () -> DrillEngine.pause(state, FACILITATOR, T0),
        "The drill is lobby: you cannot pause it now.");
    refused(
        () -> DrillEngine.resume(state, FACILITATOR, T0),
        "The drill is lobby: you cannot resume it now.");
    start(T0);
    refused(
        () -> DrillEngine.resume(state, FACILITATOR, at(1)),
        "The drill is running: you cannot resume it now.");
    pause(at(2));
    assertThat(state.status()).isEqualTo(DrillStatus.PAUSED);
    refused(
        () -> DrillEngine.pause(state, FACILITATOR, at(3)),
        "The drill is paused: you cannot pause it now.");
    resume(at(4));
    assertThat(state.status()).isEqualTo(DrillStatus.RUNNING);
    assertThat(state.drillTime(at(5))).isEqualTo(min(3));
    finish(at(6));
    refused(
        () -> DrillEngine.pause(state, FACILITATOR, at(7)),
        "The drill is finished: you cannot pause it now.");
    refused(
        () -> DrillEngine.resume(state, FACILITATOR, at(7)),
        "The drill is finished: you cannot resume it now.");
  }

  @Test
  void finishIsRefusedInDraftAndWhenFinished() {
    created(Speed.NORMAL);
    addTeam(RED, "Red");
    refused(
        () -> DrillEngine.finish(state, FACILITATOR, T0),
        "The drill is draft: you cannot finish it now.");
    append(DrillEngine.open(state, FACILITATOR, at(-1)));
    finish(T0);
    assertThat(state.status()).isEqualTo(DrillStatus.FINISHED);
    refused(
        () -> DrillEngine.finish(state, FACILITATOR, at(1)),
        "The drill is finished: you cannot finish it now.");
  }

  @Test
  void finishingStopsTheClockAndEverythingThatWasStillToCome() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    pause(at(3));
    resume(at(5));
    finish(at(12));
    assertThat(state.status()).isEqualTo(DrillStatus.FINISHED);
    assertThat(state.drillTime(at(12))).isEqualTo(min(10));
    assertThat(state.drillTime(at(Duration.ofDays(1)))).isEqualTo(min(10));
    assertThat(peekDue(at(Duration.ofDays(1)))).isEmpty();
    assertThat(nextDue()).isEmpty();
    assertThat(nextDueWall()).isEmpty();
    assertThat(feed(RED)).containsExactly("kickoff");
  }

  @Test
  void speedIsRefusedWhenFinishedOrUnchanged() {
    created(Speed.NORMAL);
    refused(
        () -> DrillEngine.speed(state, Speed.NORMAL, FACILITATOR, at(-5)),
        "The drill already runs at 1×.");
    DrillEvent changed = append(DrillEngine.speed(state, Speed.parse("2.5"), FACILITATOR, at(-5)));
    assertThat(changed.type()).isEqualTo(EventType.SPEED_CHANGED);
    assertThat(changed.data().speed()).isEqualByComparingTo("2.5");
    assertThat(state.speed()).isEqualTo(new Speed(250));
    assertThat(state.clock().running()).isFalse();
    refused(
        () -> DrillEngine.speed(state, new Speed(250), FACILITATOR, at(-4)),
        "The drill already runs at 2.5×.");
    addTeam(RED, "Red");
    start(T0);
    assertThat(state.drillTime(at(4))).isEqualTo(min(10));
    finish(at(4));
    refused(
        () -> DrillEngine.speed(state, new Speed(300), FACILITATOR, at(5)),
        "The drill is finished: you cannot change its speed now.");
  }

  @Test
  void teamsAreAddedOnlyBeforeTheStartAndNamedOncePerDrill() {
    created(Speed.NORMAL);
    DrillEvent added = append(DrillEngine.addTeam(state, RED, "Red", FACILITATOR, at(-50)));
    assertThat(added.type()).isEqualTo(EventType.TEAM_ADDED);
    assertThat(added.teamId()).isEqualTo(RED);
    assertThat(added.data().teamName()).isEqualTo("Red");
    assertThat(team(RED))
        .isEqualTo(new TeamState(RED, "Red", List.of(), List.of(), Map.of(), List.of(), List.of()));
    refused(
        () -> DrillEngine.addTeam(state, BLUE, "rED", FACILITATOR, at(-49)),
        "There is already a team called rED in this drill.");
    append(DrillEngine.open(state, FACILITATOR, at(-40)));
    append(DrillEngine.addTeam(state, BLUE, "Blue", FACILITATOR, at(-39)));
    assertThat(state.teams().keySet()).containsExactly(RED, BLUE);
    start(T0);
    refused(
        () -> DrillEngine.addTeam(state, 33, "Green", FACILITATOR, at(1)),
        "Teams can only be added before the drill starts.");
    pause(at(2));
    refused(
        () -> DrillEngine.addTeam(state, 33, "Green", FACILITATOR, at(3)),
        "Teams can only be added before the drill starts.");
    finish(at(4));
    refused(
        () -> DrillEngine.addTeam(state, 33, "Green", FACILITATOR, at(5)),
        "Teams can only be added before the drill starts.");
  }

  @Test
  void joiningNeedsAKnownTeamAndADrillThatHasNotFinished() {
    created(Speed.NORMAL);
    addTeam(RED, "Red");
    DrillEvent joined = append(DrillEngine.join(state, RED, ANA, at(-20)));
    assertThat(joined.type()).isEqualTo(EventType.PARTICIPANT_JOINED);
    assertThat(joined.teamId()).isEqualTo(RED);
    assertThat(joined.actor()).isEqualTo("Ana");
    assertThat(joined.data().participantId()).isEqualTo(101L);
    assertThat(joined.data().name()).isEqualTo("Ana");
    assertThat(joined.data().role()).isEqualTo("soc-analyst");
    refused(
        () -> DrillEngine.join(state, UNKNOWN_TEAM, LEE, at(-19)),
        "There is no team 99 in this drill.");
    start(T0);
    // a late joiner still gets in while the drill runs
    append(DrillEngine.join(state, RED, LEE, at(3)));
    assertThat(team(RED).members()).containsExactly(ANA, LEE);
    assertThat(team(RED).member(102)).contains(LEE);
    assertThat(team(RED).member(999)).isEmpty();
    finish(at(4));
    refused(
        () -> DrillEngine.join(state, RED, new Member(103, "Max", "executive"), at(5)),
        "This drill has finished; there is nothing left to join.");
  }

  @Test
  void notesAreStrippedAndNeedText() {
    redInLobby(Speed.NORMAL);
    DrillEvent note = append(DrillEngine.note(state, null, "  Quiet room  ", FACILITATOR, at(-1)));
    assertThat(note.type()).isEqualTo(EventType.NOTE_ADDED);
    assertThat(note.teamId()).isNull();
    assertThat(note.data().text()).isEqualTo("Quiet room");
    start(T0);
    DrillEvent teamNote = append(DrillEngine.note(state, RED, "Red hesitated", FACILITATOR, at(3)));
    assertThat(teamNote.teamId()).isEqualTo(RED);
    assertThat(teamNote.drillMs()).isEqualTo(180_000);
    refused(
        () -> DrillEngine.note(state, null, "   ", FACILITATOR, at(4)),
        "Write a note of 1 to 4000 characters.");
    refused(
        () -> DrillEngine.note(state, null, null, FACILITATOR, at(4)),
        "Write a note of 1 to 4000 characters.");
    refused(
        () -> DrillEngine.note(state, null, "x".repeat(4001), FACILITATOR, at(4)),
        "Write a note of 1 to 4000 characters.");
    refused(
        () -> DrillEngine.note(state, UNKNOWN_TEAM, "hello", FACILITATOR, at(4)),
        "There is no team 99 in this drill.");
    append(DrillEngine.note(state, null, "x".repeat(4000), FACILITATOR, at(4)));
  }

  @Test
  void applyRefusesAnEventWhoseSeqDoesNotFollow() {
    redInLobby(Speed.NORMAL);
    long last = state.lastSeq();
    DrillEvent next = DrillEngine.start(state, FACILITATOR, T0);
    assertThat(next.seq()).isEqualTo(last + 1);
    DrillEvent gap =
        new DrillEvent(
            last + 2, next.type(), null, next.at(), next.drillMs(), next.actor(), next.data());
    DrillState before = state;
    assertThatThrownBy(() -> before.apply(gap))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event " + (last + 2) + " does not follow " + last + " in the drill's log");
    assertThatThrownBy(() -> before.apply(log.get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event 1 does not follow " + last + " in the drill's log");
    assertThatThrownBy(() -> DrillState.fold(List.of(log.get(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event 2 does not follow 0 in the drill's log");
    assertThat(state).isSameAs(before);
  }

  @Test
  void foldingTheSameEventsTwiceGivesEqualStates() {
    twoTeamsInLobby();
    append(DrillEngine.note(state, null, "Everyone in", FACILITATOR, at(-1)));
    start(T0);
    due(T0);
    due(at(10).plusMillis(7));
    decide(RED, ANA, "revoke", at(12).plusMillis(345));
    pause(at(13));
    append(DrillEngine.fire(state, SCENARIO, "press-call", List.of(BLUE), FACILITATOR, at(14)));
    append(DrillEngine.speed(state, new Speed(150), FACILITATOR, at(20)));
    resume(at(25).plusNanos(999_999));
    append(
        DrillEngine.adhoc(
            state, List.of(RED, BLUE), Channel.EMAIL, "CEO", "Call me.", FACILITATOR, at(26)));
    due(at(40));
    append(
        DrillEngine.decide(
            state,
            SCENARIO,
            BLUE,
            DEE.participantId(),
            "press-answer",
            "no-comment",
            "We have nothing yet",
            at(41)));
    finish(at(50).plusMillis(1));

    DrillState once = DrillState.fold(log);
    DrillState twice = DrillState.fold(List.copyOf(log));
    assertThat(once).isEqualTo(state);
    assertThat(twice).isEqualTo(once);
    assertThat(twice.hashCode()).isEqualTo(once.hashCode());
    assertThat(once.lastSeq()).isEqualTo(log.size());

    // resuming from a prefix (as a restarted node would) lands on the same state too
    DrillState resumed = DrillState.fold(log.subList(0, log.size() / 2));
    for (DrillEvent event : log.subList(log.size() / 2, log.size())) {
      resumed = resumed.apply(event);
    }
    assertThat(resumed).isEqualTo(once);

    // and what is still to come does not depend on how the state was built
    assertThat(DrillEngine.nextDue(once, SCENARIO)).isEqualTo(DrillEngine.nextDue(state, SCENARIO));
    assertThat(team(RED).outcome("first-move").orElseThrow().optionId()).isEqualTo("revoke");
    assertThat(once.team(BLUE).orElseThrow().outcome("press-answer").orElseThrow().rationale())
        .isEqualTo("We have nothing yet");
  }

  // ------------------------------------------------------------------------------ pause / resume

  @Test
  void aPauseMovesAPendingInjectByExactlyThePause() {
    redInLobby(Speed.NORMAL);
    start(T0);
    assertThat(due(T0)).extracting(e -> e.data().injectId()).containsExactly("kickoff");
    assertThat(nextDue()).contains(min(10));
    assertThat(nextDueWall()).contains(at(10));

    pause(at(4));
    assertThat(state.drillTime(at(4))).isEqualTo(min(4));
    assertThat(nextDue()).isEmpty();
    assertThat(nextDueWall()).isEmpty();
    assertThat(peekDue(at(10))).isEmpty();
    assertThat(peekDue(at(Duration.ofDays(2)))).isEmpty();

    Duration pause = Duration.ofMinutes(17).plusMillis(3_500);
    Instant resumed = at(4).plus(pause);
    resume(resumed);
    assertThat(state.drillTime(resumed)).isEqualTo(min(4));
    Instant expected = at(10).plus(pause);
    assertThat(expected).isEqualTo(Instant.parse("2026-11-28T10:27:03.500Z"));
    assertThat(nextDue()).contains(min(10));
    assertThat(nextDueWall()).contains(expected);

    assertThat(peekDue(expected.minusMillis(1))).isEmpty();
    long last = state.lastSeq();
    List<DrillEvent> delivered = due(expected);
    assertThat(delivered).hasSize(1);
    DrillEvent alert = delivered.get(0);
    assertThat(alert.seq()).isEqualTo(last + 1);
    assertThat(alert.type()).isEqualTo(EventType.INJECT_DELIVERED);
    assertThat(alert.teamId()).isEqualTo(RED);
    assertThat(alert.at()).isEqualTo(expected);
    assertThat(alert.drillMs()).isEqualTo(600_000);
    assertThat(alert.actor()).isNull();
    assertThat(alert.data().injectId()).isEqualTo("alert");
    assertThat(alert.data().dueMs()).isEqualTo(600_000L);
    assertThat(alert.data().early()).isNull();
  }

  @Test
  void aPauseMovesADecisionTimeOutByExactlyThePauseAndNothingTimesOutWhilePaused() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    assertThat(team(RED).openDecisions(SCENARIO))
        .singleElement()
        .satisfies(
            open -> {
              assertThat(open.decision().id()).isEqualTo("first-move");
              assertThat(open.openedMs()).isEqualTo(600_000);
              assertThat(open.deadlineMs()).isEqualTo(1_200_000L);
            });
    assertThat(nextDueWall()).contains(at(20));

    pause(at(15));
    assertThat(peekDue(at(20))).isEmpty();
    assertThat(peekDue(at(Duration.ofDays(1)))).isEmpty();
    assertThat(nextDueWall()).isEmpty();
    refused(
        deciding(RED, ANA, "revoke", at(16)),
        "The drill is paused: the facilitator has stopped the clock. Decide when it resumes.");

    Duration pause = Duration.ofHours(3).plusMillis(1);
    resume(at(15).plus(pause));
    Instant deadline = at(20).plus(pause);
    assertThat(deadline).isEqualTo(Instant.parse("2026-11-28T13:20:00.001Z"));
    assertThat(nextDue()).contains(min(20));
    assertThat(nextDueWall()).contains(deadline);
    assertThat(peekDue(deadline.minusMillis(1))).isEmpty();

    List<DrillEvent> timedOut = due(deadline);
    assertThat(timedOut).hasSize(1);
    DrillEvent event = timedOut.get(0);
    assertThat(event.type()).isEqualTo(EventType.DECISION_TIMED_OUT);
    assertThat(event.teamId()).isEqualTo(RED);
    assertThat(event.at()).isEqualTo(deadline);
    assertThat(event.drillMs()).isEqualTo(1_200_000);
    assertThat(event.data().decisionId()).isEqualTo("first-move");
    assertThat(event.data().optionId()).isNull();
    assertThat(event.data().deadlineMs()).isEqualTo(1_200_000L);

    Instant silence = at(22).plus(pause);
    assertThat(nextDueWall()).contains(silence);
    assertThat(peekDue(silence.minusMillis(1))).isEmpty();
    assertThat(due(silence))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data().injectId()).isEqualTo("silence");
              assertThat(e.data().dueMs()).isEqualTo(1_320_000L);
              assertThat(e.drillMs()).isEqualTo(1_320_000);
            });
  }

  @Test
  void aPauseGivesTheTeamThatMuchMoreWallTimeToDecide() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    pause(at(15));
    Duration pause = Duration.ofMinutes(17).plusMillis(3_500);
    resume(at(15).plus(pause));
    // without the pause this would be 16 min after the deadline: it is 18:56.5 of drill time
    DrillEvent made = decide(RED, ANA, "watch", at(36));
    assertThat(made.drillMs()).isEqualTo(1_136_500);
    assertThat(team(RED).outcome("first-move").orElseThrow().optionId()).isEqualTo("watch");
  }

  // ------------------------------------------------------------------------------ speed

  @Test
  void aSpeedChangeMidRunReAnchorsTheScheduleExactly() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    DrillEvent changed = append(DrillEngine.speed(state, new Speed(600), FACILITATOR, at(10)));
    assertThat(changed.drillMs()).isEqualTo(600_000);
    assertThat(changed.data().speed()).isEqualByComparingTo("6");
    // 10 min at 1x, then 5 min at 6x = 40 min
    assertThat(state.drillTime(at(15))).isEqualTo(min(40));
    // the deadline at drill 20 min is 10 drill minutes = 100 s of wall time away
    Instant deadline = at(10).plusSeconds(100);
    assertThat(nextDueWall()).contains(deadline);
    assertThat(peekDue(deadline.minusMillis(1))).isEmpty();
    assertThat(due(deadline))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.DECISION_TIMED_OUT);
              assertThat(e.drillMs()).isEqualTo(1_200_000);
              assertThat(e.data().deadlineMs()).isEqualTo(1_200_000L);
            });
    // silence at drill 22 min: 12 drill minutes after the change = 2 wall minutes
    assertThat(nextDueWall()).contains(at(12));
  }

  @Test
  void aDrillCreatedAtTwiceTheSpeedRunsTwiceAsFast() {
    redInLobby(Speed.parse("2"));
    start(T0);
    assertThat(nextDueWall()).contains(T0);
    due(T0);
    assertThat(nextDueWall()).contains(at(5));
    assertThat(peekDue(at(5).minusMillis(1))).isEmpty();
    assertThat(due(at(5)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data().injectId()).isEqualTo("alert");
              assertThat(e.drillMs()).isEqualTo(600_000);
            });
  }

  @Test
  void atAFractionalSpeedTheNextDueWallIsToTheNanosecondAndTheNextWholeMillisecondDelivers() {
    redInLobby(new Speed(70));
    start(T0);
    due(T0);
    // 10 drill minutes at 0.7x are 857.142857142... s of wall time
    assertThat(nextDueWall()).contains(T0.plusNanos(857_142_857_143L));
    // events and due() work in whole wall milliseconds, as the database stores them
    assertThat(peekDue(T0.plusMillis(857_142))).isEmpty();
    assertThat(due(T0.plusMillis(857_143)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data().injectId()).isEqualTo("alert");
              assertThat(e.data().dueMs()).isEqualTo(600_000L);
              assertThat(e.drillMs()).isEqualTo(600_000);
            });
  }

  // ------------------------------------------------------------------------------ branching

  @Test
  void eachTeamGetsOnlyTheBranchOfItsOwnChoiceAfterExactlyTheDelay() {
    twoTeamsInLobby();
    start(T0);
    assertThat(due(T0)).extracting(DrillEvent::teamId).containsExactly(RED, BLUE);
    assertThat(due(at(10))).extracting(DrillEvent::teamId).containsExactly(RED, BLUE);

    DrillEvent red = decide(RED, ANA, "revoke", at(12).plusMillis(345));
    assertThat(red.drillMs()).isEqualTo(720_345);
    // nobody in Blue is a soc-analyst, so its incident commander answers the alert
    DrillEvent blue = decide(BLUE, CY, "watch", at(13).plusSeconds(7));
    assertThat(blue.drillMs()).isEqualTo(787_000);

    // revoked: 3 min after Red's choice
    Instant revoked = at(15).plusMillis(345);
    assertThat(nextDue()).contains(Duration.ofMillis(900_345));
    assertThat(nextDueWall()).contains(revoked);
    assertThat(peekDue(revoked.minusMillis(1))).isEmpty();
    assertThat(due(revoked))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.teamId()).isEqualTo(RED);
              assertThat(e.data().injectId()).isEqualTo("revoked");
              assertThat(e.data().dueMs()).isEqualTo(900_345L);
              assertThat(e.drillMs()).isEqualTo(900_345);
            });

    // pulled: 5 min after Blue's choice
    Instant pulled = at(18).plusSeconds(7);
    assertThat(nextDueWall()).contains(pulled);
    assertThat(peekDue(pulled.minusMillis(1))).isEmpty();
    assertThat(due(pulled))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.teamId()).isEqualTo(BLUE);
              assertThat(e.data().injectId()).isEqualTo("pulled");
              assertThat(e.data().dueMs()).isEqualTo(1_087_000L);
              assertThat(e.drillMs()).isEqualTo(1_087_000);
            });

    // both answered, so nothing times out and nobody gets silence: next is the press call
    assertThat(nextDueWall()).contains(at(30));
    assertThat(peekDue(at(30).minusMillis(1))).isEmpty();
    List<DrillEvent> rest = due(at(55));
    assertThat(injectIds(rest)).containsExactly("press-call", "press-call", "wrap-up", "wrap-up");
    assertThat(rest).extracting(DrillEvent::teamId).containsExactly(RED, BLUE, RED, BLUE);

    assertThat(feed(RED)).containsExactly("kickoff", "alert", "revoked", "press-call", "wrap-up");
    assertThat(feed(BLUE)).containsExactly("kickoff", "alert", "pulled", "press-call", "wrap-up");
    // press-answer has no time limit: nothing is left to come
    assertThat(nextDue()).isEmpty();
    assertThat(nextDueWall()).isEmpty();
    assertThat(peekDue(at(Duration.ofHours(9)))).isEmpty();
  }

  // ------------------------------------------------------------------------------ deciding

  @Test
  void theFirstDecisionWinsAndEveryLaterOneIsRefusedWithWhoAndWhen() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    DrillEvent made =
        append(
            DrillEngine.decide(
                state,
                SCENARIO,
                RED,
                ANA.participantId(),
                "first-move",
                "revoke",
                "  The token is in no CI job.  ",
                at(12).plusMillis(34_567)));
    assertThat(made.type()).isEqualTo(EventType.DECISION_MADE);
    assertThat(made.teamId()).isEqualTo(RED);
    assertThat(made.actor()).isEqualTo("Ana");
    assertThat(made.drillMs()).isEqualTo(754_567);
    assertThat(made.data().participantId()).isEqualTo(101L);
    assertThat(made.data().name()).isEqualTo("Ana");
    assertThat(made.data().role()).isEqualTo("soc-analyst");
    assertThat(made.data().decisionId()).isEqualTo("first-move");
    assertThat(made.data().optionId()).isEqualTo("revoke");
    assertThat(made.data().rationale()).isEqualTo("The token is in no CI job.");
    Outcome outcome = team(RED).outcome("first-move").orElseThrow();
    assertThat(outcome)
        .isEqualTo(
            new Outcome(
                made.seq(),
                "first-move",
                "revoke",
                101L,
                "Ana",
                "The token is in no CI job.",
                754_567,
                754_567));
    assertThat(outcome.timedOut()).isFalse();
    assertThat(team(RED).openDecisions(SCENARIO)).isEmpty();

    String already = "Already decided by Ana at 0:12:34.";
    assertThat(DrillEngine.alreadyDecided(outcome)).isEqualTo(already);
    // the same member again (a double click), the same option or another
    refused(deciding(RED, ANA, "revoke", at(12).plusMillis(34_568)), already);
    refused(deciding(RED, ANA, "watch", at(13)), already);
    // another member, even one who could never have decided it
    refused(deciding(RED, LEE, "watch", at(13)), already);
    // still after the deadline, and after the finish
    refused(deciding(RED, ANA, "watch", at(25)), already);
    finish(at(26));
    refused(deciding(RED, ANA, "watch", at(27)), already);
  }

  @Test
  void anotherTeamStillDecidesForItself() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    decide(RED, ANA, "revoke", at(11));
    DrillEvent blue = decide(BLUE, DEE, "watch", at(12));
    assertThat(blue.data().rationale()).isNull();
    assertThat(team(BLUE).outcome("first-move").orElseThrow().name()).isEqualTo("Dee");
    refused(deciding(BLUE, CY, "revoke", at(13)), "Already decided by Dee at 0:12:00.");
  }

  @Test
  void aDecisionThatHasNotReachedTheTeamIsRefused() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    refused(deciding(RED, ANA, "revoke", at(5)), "This decision has not reached your team yet.");
    // reaching one team does not open it for the other
    append(DrillEngine.fire(state, SCENARIO, "alert", List.of(BLUE), FACILITATOR, at(6)));
    refused(deciding(RED, ANA, "revoke", at(7)), "This decision has not reached your team yet.");
    decide(BLUE, CY, "revoke", at(7));
  }

  @Test
  void decidingUnknownThingsIsRefused() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    refused(deciding(RED, ANA, "panic", at(11)), "Choose one of the options.");
    refused(deciding(RED, ANA, null, at(11)), "Choose one of the options.");
    refused(
        () ->
            DrillEngine.decide(
                state, SCENARIO, RED, ANA.participantId(), "nope", "revoke", null, at(11)),
        "There is no decision 'nope' in this scenario.");
    refused(deciding(UNKNOWN_TEAM, ANA, "revoke", at(11)), "There is no team 99 in this drill.");
  }

  @Test
  void decidingWhilePausedOrFinishedIsRefused() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    pause(at(11));
    refused(
        deciding(RED, ANA, "revoke", at(12)),
        "The drill is paused: the facilitator has stopped the clock. Decide when it resumes.");
    resume(at(13));
    decide(BLUE, CY, "revoke", at(14));
    finish(at(15));
    refused(deciding(RED, ANA, "revoke", at(16)), "The drill is finished; decisions are closed.");
  }

  @Test
  void decidingAfterTheDeadlineIsRefusedEvenBeforeTheTimeOutIsRecorded() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    refused(
        deciding(RED, ANA, "revoke", at(20).plusMillis(1)),
        "The time for this decision ran out at 0:20:00.");
    // the deadline's own millisecond still counts
    DrillEvent made = decide(RED, ANA, "revoke", at(20));
    assertThat(made.drillMs()).isEqualTo(1_200_000);
  }

  @Test
  void onlyMembersOfTheTeamDecideForIt() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    refused(
        deciding(RED, new Member(999, "Mallory", "soc-analyst"), "revoke", at(11)),
        "Only members of this team can decide for it.");
    // a member of another team
    refused(deciding(RED, CY, "revoke", at(11)), "Only members of this team can decide for it.");
  }

  @Test
  void aMemberOutsideTheInjectsRolesIsRefusedWhenSomeoneInTheTeamHoldsOne() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    // Ana is Red's soc-analyst, so Lee (legal-comms) may not answer the soc-analyst alert
    refused(deciding(RED, LEE, "revoke", at(11)), "This decision is for soc-analyst.");
    due(at(30));
    // Lee holds legal-comms, so Ana (soc-analyst) may not answer the press call
    refused(
        () ->
            DrillEngine.decide(
                state,
                SCENARIO,
                RED,
                ANA.participantId(),
                "press-answer",
                "no-comment",
                null,
                at(31)),
        "This decision is for legal-comms, incident-commander.");
    DrillEvent made =
        append(
            DrillEngine.decide(
                state,
                SCENARIO,
                RED,
                LEE.participantId(),
                "press-answer",
                "holding-statement",
                null,
                at(31)));
    assertThat(made.actor()).isEqualTo("Lee");
  }

  @Test
  void anyMemberDecidesWhenNobodyInTheTeamHoldsTheInjectsRoles() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    due(at(10));
    Inject alert = SCENARIO.inject("alert").orElseThrow();
    Inject kickoff = SCENARIO.inject("kickoff").orElseThrow();
    assertThat(team(RED).sees(ANA, alert)).isTrue();
    assertThat(team(RED).sees(LEE, alert)).isFalse();
    assertThat(team(RED).sees(LEE, kickoff)).isTrue();
    assertThat(team(BLUE).sees(CY, alert)).isTrue();
    assertThat(team(BLUE).sees(DEE, alert)).isTrue();
    DrillEvent made = decide(BLUE, DEE, "revoke", at(11));
    assertThat(made.data().role()).isEqualTo("legal-comms");
  }

  @Test
  void theRationaleIsKeptShort() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    refused(
        () ->
            DrillEngine.decide(
                state,
                SCENARIO,
                RED,
                ANA.participantId(),
                "first-move",
                "revoke",
                "x".repeat(2001),
                at(11)),
        "Keep the rationale to 2000 characters.");
    DrillEvent made =
        append(
            DrillEngine.decide(
                state,
                SCENARIO,
                RED,
                ANA.participantId(),
                "first-move",
                "revoke",
                " " + "x".repeat(2000) + " ",
                at(11)));
    assertThat(made.data().rationale()).hasSize(2000);
  }

  // ------------------------------------------------------------------------------ time-outs

  @Test
  void withNoAnswerTheDecisionTimesOutAtItsLimitAndTheTimeoutBranchFollows() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    // dispatched 250 ms late: the limit counts from the actual delivery
    DrillEvent alert = due(at(10).plusMillis(250)).get(0);
    assertThat(alert.data().dueMs()).isEqualTo(600_000L);
    assertThat(alert.drillMs()).isEqualTo(600_250);
    OpenDecision open = team(RED).openDecisions(SCENARIO).get(0);
    assertThat(open.openedMs()).isEqualTo(600_250);
    assertThat(open.deadlineMs()).isEqualTo(1_200_250L);

    Instant deadline = at(20).plusMillis(250);
    assertThat(nextDueWall()).contains(deadline);
    assertThat(peekDue(deadline.minusMillis(1))).isEmpty();
    long last = state.lastSeq();
    List<DrillEvent> timedOut = due(deadline);
    assertThat(timedOut).hasSize(1);
    DrillEvent event = timedOut.get(0);
    assertThat(event.seq()).isEqualTo(last + 1);
    assertThat(event.type()).isEqualTo(EventType.DECISION_TIMED_OUT);
    assertThat(event.teamId()).isEqualTo(RED);
    assertThat(event.actor()).isNull();
    assertThat(event.at()).isEqualTo(deadline);
    assertThat(event.drillMs()).isEqualTo(1_200_250);
    assertThat(event.data().decisionId()).isEqualTo("first-move");
    assertThat(event.data().optionId()).isNull();
    assertThat(event.data().deadlineMs()).isEqualTo(1_200_250L);

    Outcome outcome = team(RED).outcome("first-move").orElseThrow();
    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.participantId()).isNull();
    assertThat(outcome.drillMs()).isEqualTo(1_200_250);
    assertThat(outcome.effectiveMs()).isEqualTo(1_200_250);
    assertThat(team(RED).openDecisions(SCENARIO)).isEmpty();

    Instant silence = at(22).plusMillis(250);
    assertThat(nextDueWall()).contains(silence);
    assertThat(peekDue(silence.minusMillis(1))).isEmpty();
    assertThat(due(silence))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data().injectId()).isEqualTo("silence");
              assertThat(e.data().dueMs()).isEqualTo(1_320_250L);
              assertThat(e.drillMs()).isEqualTo(1_320_250);
            });

    String timedOutMessage = "This decision already timed out at 0:20:00.";
    assertThat(DrillEngine.alreadyDecided(outcome)).isEqualTo(timedOutMessage);
    refused(deciding(RED, ANA, "revoke", at(23)), timedOutMessage);
    due(at(59));
    assertThat(feed(RED)).containsExactly("kickoff", "alert", "silence", "press-call", "wrap-up");
  }

  @Test
  void aDecisionWithoutATimeLimitNeverTimesOut() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    decide(RED, ANA, "revoke", at(10).plusSeconds(1));
    due(at(30));
    due(at(55));
    assertThat(team(RED).openDecisions(SCENARIO))
        .singleElement()
        .satisfies(
            open -> {
              assertThat(open.decision().id()).isEqualTo("press-answer");
              assertThat(open.openedMs()).isEqualTo(1_800_000);
              assertThat(open.deadlineMs()).isNull();
            });
    assertThat(nextDue()).isEmpty();
    assertThat(peekDue(at(Duration.ofDays(30)))).isEmpty();
  }

  // ------------------------------------------------------------------------------ downtime

  @Test
  void afterDowntimeEverythingDueComesInOneListInDrillTimeOrder() {
    twoTeamsInLobby();
    start(T0);
    long last = state.lastSeq();
    // nothing was dispatched for 40 minutes, as if the application had been down
    List<DrillEvent> caught = due(at(40));
    assertThat(caught).extracting(DrillEvent::seq).containsExactlyElementsOf(seqs(last + 1, 6));
    assertThat(caught).extracting(DrillEvent::type).containsOnly(EventType.INJECT_DELIVERED);
    assertThat(caught)
        .extracting(DrillEvent::teamId)
        .containsExactly(RED, BLUE, RED, BLUE, RED, BLUE);
    assertThat(injectIds(caught))
        .containsExactly("kickoff", "kickoff", "alert", "alert", "press-call", "press-call");
    assertThat(caught)
        .extracting(e -> e.data().dueMs())
        .containsExactly(0L, 0L, 600_000L, 600_000L, 1_800_000L, 1_800_000L);
    assertThat(caught).extracting(DrillEvent::drillMs).containsOnly(2_400_000L);
    assertThat(caught).extracting(DrillEvent::at).containsOnly(at(40));
    assertThat(caught).extracting(DrillEvent::actor).containsOnlyNulls();
    assertThat(caught).extracting(e -> e.data().early()).containsOnlyNulls();

    // the team sees when each inject should have arrived
    Delivery alert = team(RED).delivery("alert").orElseThrow();
    assertThat(alert.dueMs()).isEqualTo(600_000L);
    assertThat(alert.drillMs()).isEqualTo(2_400_000);
    assertThat(alert.shownMs()).isEqualTo(600_000);
    assertThat(alert.early()).isFalse();
    assertThat(alert.adhoc()).isFalse();

    // but decisions open now: the downtime times nobody out
    assertThat(team(RED).openDecisions(SCENARIO))
        .extracting(d -> d.decision().id(), OpenDecision::openedMs, OpenDecision::deadlineMs)
        .containsExactly(
            tuple("first-move", 2_400_000L, 3_000_000L), tuple("press-answer", 2_400_000L, null));
    decide(BLUE, CY, "watch", at(41));
    assertThat(nextDueWall()).contains(at(46));
    assertThat(due(at(46)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.teamId()).isEqualTo(BLUE);
              assertThat(e.data().injectId()).isEqualTo("pulled");
              assertThat(e.data().dueMs()).isEqualTo(2_760_000L);
            });
    assertThat(nextDueWall()).contains(at(50));
    assertThat(peekDue(at(50).minusMillis(1))).isEmpty();
    assertThat(due(at(50)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.DECISION_TIMED_OUT);
              assertThat(e.teamId()).isEqualTo(RED);
              assertThat(e.data().deadlineMs()).isEqualTo(3_000_000L);
            });
  }

  @Test
  void downtimeCatchUpRecordsAPassedTimeOutAtItsDeadlineAndItsBranchInOrder() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    due(at(10));
    long last = state.lastSeq();
    List<DrillEvent> caught = due(at(40));
    assertThat(caught).extracting(DrillEvent::seq).containsExactlyElementsOf(seqs(last + 1, 3));
    assertThat(caught)
        .extracting(DrillEvent::type)
        .containsExactly(
            EventType.DECISION_TIMED_OUT, EventType.INJECT_DELIVERED, EventType.INJECT_DELIVERED);
    assertThat(caught.get(0).data().deadlineMs()).isEqualTo(1_200_000L);
    assertThat(injectIds(caught.subList(1, 3))).containsExactly("silence", "press-call");
    assertThat(caught.subList(1, 3))
        .extracting(e -> e.data().dueMs())
        .containsExactly(1_320_000L, 1_800_000L);
    assertThat(caught).extracting(DrillEvent::drillMs).containsOnly(2_400_000L);

    Outcome outcome = team(RED).outcome("first-move").orElseThrow();
    assertThat(outcome.drillMs()).isEqualTo(2_400_000);
    assertThat(outcome.effectiveMs()).isEqualTo(1_200_000);
    refused(deciding(RED, ANA, "revoke", at(41)), "This decision already timed out at 0:20:00.");
  }

  @Test
  void catchUpAfterAPauseCountsOnlyRunningTime() {
    redInLobby(Speed.NORMAL);
    start(T0);
    pause(at(5));
    resume(at(65));
    // 5 + 10 min of drill time: kickoff and alert (not press-call at 30)
    List<DrillEvent> caught = due(at(75));
    assertThat(injectIds(caught)).containsExactly("kickoff", "alert");
    assertThat(caught).extracting(DrillEvent::drillMs).containsOnly(900_000L);
    assertThat(team(RED).openDecisions(SCENARIO).get(0).deadlineMs()).isEqualTo(1_500_000L);
  }

  // ------------------------------------------------------------------------------ fire / adhoc

  @Test
  void fireDeliversAScenarioInjectEarlyOnlyToTeamsThatLackIt() {
    twoTeamsInLobby();
    start(T0);
    due(T0);
    List<DrillEvent> first =
        append(DrillEngine.fire(state, SCENARIO, "press-call", List.of(RED), FACILITATOR, at(5)));
    assertThat(first).hasSize(1);
    DrillEvent fired = first.get(0);
    assertThat(fired.type()).isEqualTo(EventType.INJECT_DELIVERED);
    assertThat(fired.teamId()).isEqualTo(RED);
    assertThat(fired.actor()).isEqualTo(FACILITATOR);
    assertThat(fired.drillMs()).isEqualTo(300_000);
    assertThat(fired.data().injectId()).isEqualTo("press-call");
    assertThat(fired.data().early()).isTrue();
    assertThat(fired.data().dueMs()).isNull();
    Delivery delivery = team(RED).delivery("press-call").orElseThrow();
    assertThat(delivery.early()).isTrue();
    assertThat(delivery.dueMs()).isNull();
    assertThat(delivery.shownMs()).isEqualTo(300_000);

    long last = state.lastSeq();
    List<DrillEvent> second =
        append(
            DrillEngine.fire(
                state, SCENARIO, "press-call", List.of(RED, BLUE), FACILITATOR, at(6)));
    assertThat(second)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.seq()).isEqualTo(last + 1);
              assertThat(e.teamId()).isEqualTo(BLUE);
              assertThat(e.drillMs()).isEqualTo(360_000);
            });
    refused(
        () ->
            DrillEngine.fire(state, SCENARIO, "press-call", List.of(BLUE, RED), FACILITATOR, at(7)),
        "Every chosen team has already received " + PRESS_CALL_HEADLINE + ".");

    // due() never delivers it again
    List<DrillEvent> later = due(at(40));
    assertThat(injectIds(later)).containsExactly("alert", "alert");
    assertThat(feed(RED)).containsExactly("kickoff", "press-call", "alert");
    assertThat(feed(BLUE)).containsExactly("kickoff", "press-call", "alert");
    assertThat(injectIds(due(at(59)))).doesNotContain("press-call");
  }

  @Test
  void aFiredDecisionOpensWhenItIsFired() {
    redInLobby(Speed.NORMAL);
    start(T0);
    due(T0);
    append(
        DrillEngine.fire(
            state, SCENARIO, "alert", List.of(RED), FACILITATOR, at(2).plusMillis(500)));
    OpenDecision open = team(RED).openDecisions(SCENARIO).get(0);
    assertThat(open.openedMs()).isEqualTo(120_500);
    assertThat(open.deadlineMs()).isEqualTo(720_500L);
    // the alert's own time passes without a second delivery
    assertThat(peekDue(at(10))).isEmpty();
    assertThat(nextDueWall()).contains(at(12).plusMillis(500));
  }

  @Test
  void fireAndAdhocWorkWhileLiveOnly() {
    created(Speed.NORMAL);
    addTeam(RED, "Red", ANA);
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "alert", List.of(RED), FACILITATOR, at(-5)),
        "The drill is draft: you cannot fire an inject now.");
    refused(
        () -> DrillEngine.adhoc(state, List.of(RED), Channel.CHAT, "t", "b", FACILITATOR, at(-5)),
        "The drill is draft: you cannot send an inject now.");
    append(DrillEngine.open(state, FACILITATOR, at(-4)));
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "alert", List.of(RED), FACILITATOR, at(-3)),
        "The drill is lobby: you cannot fire an inject now.");
    refused(
        () -> DrillEngine.adhoc(state, List.of(RED), Channel.CHAT, "t", "b", FACILITATOR, at(-3)),
        "The drill is lobby: you cannot send an inject now.");
    start(T0);
    pause(at(3));
    // while paused, at the paused drill time
    DrillEvent fired =
        append(DrillEngine.fire(state, SCENARIO, "alert", List.of(RED), FACILITATOR, at(20)))
            .get(0);
    assertThat(fired.drillMs()).isEqualTo(180_000);
    DrillEvent sent =
        append(DrillEngine.adhoc(state, List.of(RED), Channel.PHONE, "t", "b", FACILITATOR, at(21)))
            .get(0);
    assertThat(sent.drillMs()).isEqualTo(180_000);
    resume(at(22));
    finish(at(23));
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "press-call", List.of(RED), FACILITATOR, at(24)),
        "The drill is finished: you cannot fire an inject now.");
    refused(
        () -> DrillEngine.adhoc(state, List.of(RED), Channel.CHAT, "t", "b", FACILITATOR, at(24)),
        "The drill is finished: you cannot send an inject now.");
  }

  @Test
  void fireRefusesUnknownInjectsAndTeams() {
    twoTeamsInLobby();
    start(T0);
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "nope", List.of(RED), FACILITATOR, at(1)),
        "There is no inject 'nope' in this scenario.");
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "alert", List.of(), FACILITATOR, at(1)),
        "Choose at least one team.");
    refused(
        () -> DrillEngine.fire(state, SCENARIO, "alert", null, FACILITATOR, at(1)),
        "Choose at least one team.");
    refused(
        () ->
            DrillEngine.fire(
                state, SCENARIO, "alert", List.of(RED, UNKNOWN_TEAM), FACILITATOR, at(1)),
        "There is no team 99 in this drill.");
  }

  @Test
  void adhocSendsOneDeliveryPerChosenTeam() {
    twoTeamsInLobby();
    start(T0);
    long last = state.lastSeq();
    List<DrillEvent> sent =
        append(
            DrillEngine.adhoc(
                state,
                List.of(BLUE, RED),
                Channel.CHAT,
                "  Heads up  ",
                "\n The CEO is on the bridge.\n",
                FACILITATOR,
                at(7)));
    assertThat(sent).extracting(DrillEvent::seq).containsExactlyElementsOf(seqs(last + 1, 2));
    // in the drill's team order
    assertThat(sent).extracting(DrillEvent::teamId).containsExactly(RED, BLUE);
    for (DrillEvent event : sent) {
      assertThat(event.type()).isEqualTo(EventType.INJECT_DELIVERED);
      assertThat(event.actor()).isEqualTo(FACILITATOR);
      assertThat(event.at()).isEqualTo(at(7));
      assertThat(event.drillMs()).isEqualTo(420_000);
      assertThat(event.data().injectId()).isNull();
      assertThat(event.data().dueMs()).isNull();
      assertThat(event.data().early()).isNull();
      assertThat(event.data().channel()).isEqualTo("chat");
      assertThat(event.data().title()).isEqualTo("Heads up");
      assertThat(event.data().body()).isEqualTo("The CEO is on the bridge.");
      assertThat(event.onceKey()).isNull();
    }
    Delivery delivery = team(BLUE).feed().get(0);
    assertThat(delivery)
        .isEqualTo(
            new Delivery(
                last + 2,
                null,
                420_000,
                null,
                false,
                "chat",
                "Heads up",
                "The CEO is on the bridge."));
    assertThat(delivery.adhoc()).isTrue();
    assertThat(delivery.shownMs()).isEqualTo(420_000);
    assertThat(team(BLUE).openDecisions(SCENARIO)).isEmpty();
    // an ad-hoc inject does not count as any scenario inject
    assertThat(injectIds(due(at(7)))).containsExactly("kickoff", "kickoff");

    append(
        DrillEngine.adhoc(
            state, List.of(RED), Channel.SIEM_ALERT, "Alert", "Body", FACILITATOR, at(8)));
    assertThat(team(RED).feed()).hasSize(3);
    assertThat(team(BLUE).feed()).hasSize(2);
    assertThat(team(RED).feed().get(2).channel()).isEqualTo("siem-alert");
  }

  @Test
  void adhocNeedsATitleABodyAndTeams() {
    twoTeamsInLobby();
    start(T0);
    refused(
        () -> DrillEngine.adhoc(state, List.of(RED), Channel.CHAT, "  ", "b", FACILITATOR, at(1)),
        "Give the inject a title of 1 to 200 characters.");
    refused(
        () ->
            DrillEngine.adhoc(
                state, List.of(RED), Channel.CHAT, "x".repeat(201), "b", FACILITATOR, at(1)),
        "Give the inject a title of 1 to 200 characters.");
    refused(
        () -> DrillEngine.adhoc(state, List.of(RED), Channel.CHAT, "t", null, FACILITATOR, at(1)),
        "Write the inject's text (1 to 4000 characters).");
    refused(
        () ->
            DrillEngine.adhoc(
                state, List.of(RED), Channel.CHAT, "t", "x".repeat(4001), FACILITATOR, at(1)),
        "Write the inject's text (1 to 4000 characters).");
    refused(
        () -> DrillEngine.adhoc(state, List.of(), Channel.CHAT, "t", "b", FACILITATOR, at(1)),
        "Choose at least one team.");
    refused(
        () ->
            DrillEngine.adhoc(
                state, List.of(UNKNOWN_TEAM), Channel.CHAT, "t", "b", FACILITATOR, at(1)),
        "There is no team 99 in this drill.");
  }

  // ------------------------------------------------------------------------------ once keys

  @Test
  void onceKeyIsTheInjectIdForScenarioDeliveriesAndTheDecisionForOutcomes() {
    twoTeamsInLobby();
    start(T0);
    assertThat(due(T0)).extracting(DrillEvent::onceKey).containsExactly("kickoff", "kickoff");
    assertThat(
            append(
                DrillEngine.fire(state, SCENARIO, "press-call", List.of(RED), FACILITATOR, at(1))))
        .extracting(DrillEvent::onceKey)
        .containsExactly("press-call");
    assertThat(
            append(
                DrillEngine.adhoc(
                    state, List.of(RED), Channel.EMAIL, "t", "b", FACILITATOR, at(2))))
        .extracting(DrillEvent::onceKey)
        .containsOnlyNulls();
    assertThat(due(at(10))).extracting(DrillEvent::onceKey).containsExactly("alert", "alert");
    assertThat(decide(RED, ANA, "revoke", at(11)).onceKey()).isEqualTo("decision:first-move");
    List<DrillEvent> later = due(at(20));
    assertThat(later)
        .filteredOn(e -> e.type() == EventType.DECISION_TIMED_OUT)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.teamId()).isEqualTo(BLUE);
              assertThat(e.onceKey()).isEqualTo("decision:first-move");
            });
    DrillEvent note = append(DrillEngine.note(state, RED, "n", FACILITATOR, at(21)));
    pause(at(22));
    append(DrillEngine.speed(state, new Speed(200), FACILITATOR, at(23)));
    resume(at(24));
    finish(at(25));
    assertThat(note.onceKey()).isNull();
    assertThat(log)
        .filteredOn(
            e ->
                e.type() != EventType.INJECT_DELIVERED
                    && e.type() != EventType.DECISION_MADE
                    && e.type() != EventType.DECISION_TIMED_OUT)
        .extracting(DrillEvent::onceKey)
        .containsOnlyNulls();
    assertThat(log)
        .extracting(DrillEvent::type)
        .contains(
            EventType.CREATED,
            EventType.TEAM_ADDED,
            EventType.OPENED,
            EventType.PARTICIPANT_JOINED,
            EventType.STARTED,
            EventType.NOTE_ADDED,
            EventType.PAUSED,
            EventType.SPEED_CHANGED,
            EventType.RESUMED,
            EventType.FINISHED);
  }

  // ------------------------------------------------------------------------------ formatting

  @Test
  void drillTimesReadAsHoursMinutesAndSeconds() {
    assertThat(DrillTimes.format(0)).isEqualTo("0:00:00");
    assertThat(DrillTimes.format(999)).isEqualTo("0:00:00");
    assertThat(DrillTimes.format(754_567)).isEqualTo("0:12:34");
    assertThat(DrillTimes.format(3_723_999)).isEqualTo("1:02:03");
    assertThat(DrillTimes.format(36_000_000)).isEqualTo("10:00:00");
    assertThat(DrillTimes.format(-5_000)).isEqualTo("0:00:00");
    assertThat(Arrays.asList(DrillStatus.values()))
        .extracting(DrillStatus::key)
        .containsExactly("draft", "lobby", "running", "paused", "finished");
  }
}
