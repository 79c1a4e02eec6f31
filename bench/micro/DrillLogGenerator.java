import io.breachdrill.drill.engine.DrillEngine;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillRefused;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.EventData;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.drill.engine.Member;
import io.breachdrill.drill.engine.OpenDecision;
import io.breachdrill.drill.engine.Speed;
import io.breachdrill.drill.engine.TeamState;
import io.breachdrill.scenario.DecisionOption;
import io.breachdrill.scenario.HotwashQuestion;
import io.breachdrill.scenario.Phase;
import io.breachdrill.scenario.PlaybookStep;
import io.breachdrill.scenario.Scenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A large drill log made only of events the engine itself produced. Each team plays the scenario
 * alone through {@link DrillEngine} at normal speed (joins, every delivery when it comes due,
 * decisions by a member who sees them after a random delay or a time-out, evaluators' ratings and
 * observations, a facilitator's notes and adjustments, the hotwash after the finish); the teams'
 * logs are then merged into one drill by drill time and renumbered. A team's events depend only on
 * its own earlier events, so the merged log folds to the same team states as the solo plays; the
 * benchmark checks that by scoring both.
 */
final class DrillLogGenerator {

  static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

  /** The merged log, and each team's solo log (team id 1 in each) for the check. */
  record Generated(List<DrillEvent> log, List<List<DrillEvent>> solo) {}

  private DrillLogGenerator() {}

  /** Adds teams until the merged log holds at least {@code events} events. */
  static Generated generate(Scenario scenario, int events, long seed) {
    List<List<DrillEvent>> solo = new ArrayList<>();
    int total = 3; // created, started, finished
    while (total < events) {
      List<DrillEvent> team = playOneTeam(scenario, solo.size(), new Random(seed + solo.size()));
      solo.add(team);
      total += team.size() - 3;
    }
    return new Generated(merge(solo), solo);
  }

  private static List<DrillEvent> playOneTeam(Scenario scenario, int index, Random random) {
    Team team = new Team(scenario, random, 1000L * (index + 1));
    team.play("Team " + (index + 1) + " " + NAMES[index % NAMES.length]);
    return team.log;
  }

  private static final String[] NAMES = {
    "Kestrel", "Osprey", "Merlin", "Harrier", "Falcon", "Kite", "Buzzard", "Owl", "Heron", "Crane"
  };

  /** One team's solo drill, with the actions it plans ahead at drill times. */
  private static final class Team {
    final Scenario scenario;
    final Random random;
    final List<DrillEvent> log = new ArrayList<>();
    DrillState state = DrillState.NONE;
    final PriorityQueue<Action> planned =
        new PriorityQueue<>(Comparator.comparingLong(Action::atMs).thenComparingInt(Action::order));
    final long firstParticipant;
    int order;

    Team(Scenario scenario, Random random, long firstParticipant) {
      this.scenario = scenario;
      this.random = random;
      this.firstParticipant = firstParticipant;
    }

    record Action(long atMs, int order, Runnable run) {}

    void play(String name) {
      append(DrillEngine.created("Bench", scenario.id(), "x", Speed.NORMAL, "Fran", T0));
      append(DrillEngine.addTeam(state, 1, name, "Fran", T0));
      int members = 3 + random.nextInt(5);
      for (int m = 0; m < members; m++) {
        String role = scenario.roles().get(random.nextInt(scenario.roles().size()));
        append(
            DrillEngine.join(
                state, 1, new Member(firstParticipant + m, name + " player " + m, role), T0));
      }
      append(DrillEngine.start(state, "Fran", T0));
      long end = scenario.duration().toMillis();
      planAssessments(end);
      while (true) {
        Optional<Duration> due = DrillEngine.nextDue(state, scenario);
        long dueMs = due.map(Duration::toMillis).orElse(Long.MAX_VALUE);
        long actionMs = planned.isEmpty() ? Long.MAX_VALUE : planned.peek().atMs();
        long next = Math.min(dueMs, actionMs);
        if (next > end) {
          break;
        }
        if (dueMs <= actionMs) {
          for (DrillEvent event : DrillEngine.due(state, scenario, T0.plusMillis(dueMs))) {
            append(event);
            if (event.type() == EventType.INJECT_DELIVERED) {
              planDecision(event);
            }
          }
        } else {
          planned.poll().run().run();
        }
      }
      append(DrillEngine.finish(state, "Fran", T0.plusMillis(end)));
      hotwash(end);
    }

    /** Ratings of most phases (some changed later), observations, notes and a few adjustments. */
    void planAssessments(long end) {
      List<Phase> phases = scenario.phases();
      for (int i = 0; i < phases.size() + 3; i++) {
        Phase phase = phases.get(i % phases.size());
        String rating = "PSMU".substring(random.nextInt(4)).substring(0, 1);
        plan(
            randomTime(end),
            () ->
                append(
                    DrillEngine.rate(
                        state,
                        scenario,
                        1,
                        phase.key(),
                        rating,
                        "Rated " + rating + " after watching the " + phase.key() + " work",
                        "Eve",
                        now())));
      }
      int observations = 8 + random.nextInt(8);
      for (int i = 0; i < observations; i++) {
        plan(
            randomTime(end),
            () -> {
              Long about =
                  random.nextBoolean() ? 1 + (long) random.nextInt((int) state.lastSeq()) : null;
              append(
                  DrillEngine.observe(
                      state,
                      1,
                      about,
                      "The incident commander asked for the owner's number twice before anyone had"
                          + " it",
                      "Eve",
                      now()));
            });
      }
      for (int i = 0; i < 2; i++) {
        plan(
            randomTime(end),
            () ->
                append(
                    DrillEngine.note(
                        state, 1L, "Team asked for the network diagram", "Fran", now())));
      }
      int adjustments = 1 + random.nextInt(3);
      for (int i = 0; i < adjustments; i++) {
        PlaybookStep step = scenario.playbook().get(random.nextInt(scenario.playbook().size()));
        BigDecimal credit =
            BigDecimal.valueOf(1 + random.nextInt(step.weight()))
                .negate()
                .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
        plan(
            end / 2 + randomTime(end / 2),
            () ->
                append(
                    DrillEngine.adjust(
                        state,
                        scenario,
                        1,
                        step.id(),
                        credit,
                        "Did it by phone outside the tool",
                        "Fran",
                        now())));
      }
    }

    /** A decision that reached the team: most are answered in time, some left to time out. */
    void planDecision(DrillEvent delivery) {
      TeamState team = state.team(1).orElseThrow();
      for (OpenDecision open : team.openDecisions(scenario)) {
        if (!open.inject().id().equals(delivery.data().injectId())) {
          continue;
        }
        if (open.deadlineMs() != null && random.nextInt(100) < 15) {
          return; // silence: the dispatcher times it out
        }
        long latest = open.deadlineMs() != null ? open.deadlineMs() : open.openedMs() + 900_000;
        long at = open.openedMs() + (long) (random.nextDouble() * (latest - open.openedMs()));
        List<DecisionOption> options = open.decision().options();
        DecisionOption option = options.get(random.nextInt(options.size()));
        Member member =
            team.members().stream()
                .filter(m -> team.sees(m, open.inject()))
                .findFirst()
                .orElseThrow();
        plan(
            at,
            () ->
                append(
                    DrillEngine.decide(
                        state,
                        scenario,
                        1,
                        member.participantId(),
                        open.decision().id(),
                        option.id(),
                        random.nextBoolean() ? "Least regret while we lack the facts" : "",
                        now())));
      }
    }

    void hotwash(long end) {
      Map<String, String> answers = new LinkedHashMap<>();
      for (HotwashQuestion q : scenario.hotwashQuestions()) {
        answers.put(q.id(), "We escalated late because nobody owned the bucket");
      }
      Map<String, Integer> confidence = new HashMap<>();
      for (Phase phase : scenario.phases()) {
        confidence.put(phase.key(), 1 + random.nextInt(5));
      }
      TeamState team = state.team(1).orElseThrow();
      for (Member member : team.members()) {
        append(
            DrillEngine.hotwash(
                state,
                scenario,
                1,
                member.participantId(),
                answers,
                confidence,
                random.nextBoolean(),
                T0.plusMillis(end + 60_000)));
      }
    }

    private long clockMs;

    private Instant now() {
      return T0.plusMillis(clockMs);
    }

    private void plan(long atMs, Runnable action) {
      planned.add(
          new Action(
              atMs,
              order++,
              () -> {
                clockMs = atMs;
                try {
                  action.run();
                } catch (DrillRefused refused) {
                  // as in a real drill: a click that came too late (the time-out won the tie)
                }
              }));
    }

    private long randomTime(long end) {
      return 60_000 + (long) (random.nextDouble() * (end - 120_000));
    }

    private void append(DrillEvent event) {
      log.add(event);
      state = state.apply(event);
    }
  }

  /**
   * One drill of all the solo plays: created, every team added, every join, started; then each
   * team's events in drill-time order (ties: team order, then the team's own order); finished; the
   * hotwash answers. Seqs are renumbered, team ids become 1..N, and an observation about an event
   * points to that event's new seq.
   */
  private static List<DrillEvent> merge(List<List<DrillEvent>> solo) {
    List<DrillEvent> out = new ArrayList<>();
    List<Map<Long, Long>> seqs = new ArrayList<>();
    solo.forEach(s -> seqs.add(new HashMap<>()));
    shared(out, EventType.CREATED, solo, seqs);
    for (EventType header : List.of(EventType.TEAM_ADDED, EventType.PARTICIPANT_JOINED)) {
      for (int t = 0; t < solo.size(); t++) {
        for (DrillEvent e : solo.get(t)) {
          if (e.type() == header) {
            add(out, e, (long) t + 1, seqs.get(t));
          }
        }
      }
    }
    shared(out, EventType.STARTED, solo, seqs);
    record Tagged(DrillEvent event, int team, int index) {}
    List<Tagged> running = new ArrayList<>();
    List<Tagged> after = new ArrayList<>();
    for (int t = 0; t < solo.size(); t++) {
      boolean finished = false;
      List<DrillEvent> events = solo.get(t);
      for (int i = 0; i < events.size(); i++) {
        DrillEvent e = events.get(i);
        switch (e.type()) {
          case CREATED, TEAM_ADDED, PARTICIPANT_JOINED, STARTED -> {}
          case FINISHED -> finished = true;
          default -> (finished ? after : running).add(new Tagged(e, t, i));
        }
      }
    }
    Comparator<Tagged> byTime =
        Comparator.comparingLong((Tagged g) -> g.event().drillMs())
            .thenComparingInt(Tagged::team)
            .thenComparingInt(Tagged::index);
    running.sort(byTime);
    for (Tagged g : running) {
      add(out, g.event(), (long) g.team() + 1, seqs.get(g.team()));
    }
    shared(out, EventType.FINISHED, solo, seqs);
    for (Tagged g : after) {
      add(out, g.event(), (long) g.team() + 1, seqs.get(g.team()));
    }
    return out;
  }

  /** An event of the whole drill: the first team's copy, and every team's copy maps to it. */
  private static void shared(
      List<DrillEvent> out,
      EventType type,
      List<List<DrillEvent>> solo,
      List<Map<Long, Long>> seqs) {
    for (int t = solo.size() - 1; t >= 0; t--) {
      DrillEvent e = solo.get(t).stream().filter(x -> x.type() == type).findFirst().orElseThrow();
      if (t > 0) {
        seqs.get(t).put(e.seq(), (long) out.size() + 1);
      } else {
        add(out, e, null, seqs.get(0));
      }
    }
  }

  private static void add(List<DrillEvent> out, DrillEvent e, Long teamId, Map<Long, Long> seqs) {
    long seq = out.size() + 1;
    seqs.put(e.seq(), seq);
    EventData data = e.data();
    if (data.aboutSeq() != null) {
      data = data.withAboutSeq(seqs.get(data.aboutSeq()));
    }
    out.add(new DrillEvent(seq, e.type(), teamId, e.at(), e.drillMs(), e.actor(), data));
  }
}
