import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.DrillState;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.scenario.Scenario;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import io.breachdrill.scoring.Scorecard;
import io.breachdrill.scoring.Scorer;
import io.breachdrill.scoring.TeamScore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Scorer.score(scenario, events)} on one drill of about EVENTS events, warm.
 *
 * <p>{@code ScorerBench SCENARIO.yaml [EVENTS=10000] [WARMUP_S=10] [RUNS=200]}: builds the log with
 * {@link DrillLogGenerator}, checks that every team scores in the merged drill exactly as in its
 * solo play, calls the scorer for WARMUP_S seconds, then times RUNS calls (wall and the calling
 * thread's CPU), the fold of the log into a drill state alone, and scoring an already folded state:
 * what scorecard pages do with the snapshot a node keeps of each drill.
 */
public final class ScorerBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println(
          "usage: ScorerBench SCENARIO.yaml [EVENTS=10000] [WARMUP_S=10] [RUNS=200]");
      System.exit(2);
    }
    ScenarioFile file = ScenarioLoader.read(Path.of(args[0]));
    if (!file.valid()) {
      throw new IllegalStateException(file.problems().toString());
    }
    Scenario scenario = file.scenario();
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 200;

    DrillLogGenerator.Generated generated = DrillLogGenerator.generate(scenario, events, 42);
    List<DrillEvent> log = generated.log();
    Scorecard card = Scorer.score(scenario, log);
    check(scenario, card, generated);
    System.out.printf(
        "drill: %s, %d events, %d teams; %s%n",
        scenario.id(), log.size(), card.teams().size(), counts(log));

    long until = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    int warmups = 0;
    while (System.nanoTime() < until) {
      Scorer.score(scenario, log);
      Scorer.score(scenario, DrillState.fold(log));
      warmups++;
    }
    Stats wall = new Stats("Scorer.score, wall", runs);
    Stats cpu = new Stats("Scorer.score, thread CPU", runs);
    Stats fold = new Stats("  of which DrillState.fold, wall", runs);
    Stats folded = new Stats("Scorer.score of the folded state, wall", runs);
    DrillState state = DrillState.fold(log);
    for (int i = 0; i < runs; i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      Scorecard again = Scorer.score(scenario, log);
      wall.add(System.nanoTime() - t);
      cpu.add(THREADS.getCurrentThreadCpuTime() - c);
      if (again.teams().size() != card.teams().size()) {
        throw new IllegalStateException("the scorecard changed");
      }
      t = System.nanoTime();
      DrillState.fold(log);
      fold.add(System.nanoTime() - t);
      t = System.nanoTime();
      Scorer.score(scenario, state);
      folded.add(System.nanoTime() - t);
    }
    System.out.printf("warm-up: %d calls in %d s%n", warmups, warmupSeconds);
    System.out.println(wall.line());
    System.out.println(cpu.line());
    System.out.println(fold.line());
    System.out.println(folded.line());
  }

  /** Each team's score in the merged drill is its solo play's, to the digit. */
  private static void check(Scenario scenario, Scorecard card, DrillLogGenerator.Generated g) {
    for (int t = 0; t < g.solo().size(); t++) {
      TeamScore merged = card.team(t + 1).orElseThrow();
      TeamScore solo = Scorer.score(scenario, g.solo().get(t)).teams().get(0);
      boolean same =
          merged.earned().equals(solo.earned())
              && merged.adjustedEarned().equals(solo.adjustedEarned())
              && merged.steps().equals(solo.steps())
              && merged.decisions().equals(solo.decisions())
              && merged.path().equals(solo.path())
              && merged.ratings().equals(solo.ratings())
              && merged.observations().size() == solo.observations().size();
      if (!same) {
        throw new IllegalStateException("team " + (t + 1) + " scores differently when merged");
      }
    }
  }

  private static Map<EventType, Integer> counts(List<DrillEvent> log) {
    Map<EventType, Integer> counts = new TreeMap<>();
    log.forEach(e -> counts.merge(e.type(), 1, Integer::sum));
    return counts;
  }
}
