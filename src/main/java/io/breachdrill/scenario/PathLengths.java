package io.breachdrill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a drill of the scenario runs until its last inject arrives: on the fastest path (every
 * decision answered the moment it arrives, each with the option whose consequences end soonest) and
 * on the slowest (every decision left to its time limit, taking the branch that ends latest). A
 * decision without a time limit waits for the team; the slowest path counts it as answered at once
 * and says so.
 */
public record PathLengths(Duration fastest, Duration slowest, boolean openEnded) {

  public static PathLengths of(Scenario scenario) {
    long fastest = 0;
    long slowest = 0;
    for (Inject inject : scenario.injects()) {
      if (inject.at() != null) {
        fastest = Math.max(fastest, end(scenario, inject, inject.at().toMillis(), false));
        slowest = Math.max(slowest, end(scenario, inject, inject.at().toMillis(), true));
      }
    }
    boolean openEnded = scenario.decisions().stream().anyMatch(d -> d.timeLimit() == null);
    return new PathLengths(Duration.ofMillis(fastest), Duration.ofMillis(slowest), openEnded);
  }

  /** When the last thing that follows an inject arriving at {@code arrives} comes. */
  private static long end(Scenario scenario, Inject inject, long arrives, boolean slowest) {
    Decision decision = inject.decision();
    if (decision == null) {
      return arrives;
    }
    long limit = decision.timeLimit() == null ? 0 : decision.timeLimit().toMillis();
    List<String> choices = new ArrayList<>();
    decision.options().forEach(o -> choices.add(o.id()));
    if (slowest && decision.timeLimit() != null) {
      choices.add(Inject.After.TIMEOUT);
    }
    long chosen = slowest ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (String choice : choices) {
      long answered = slowest ? arrives + limit : arrives;
      long last = answered;
      for (Inject next : scenario.followUps(decision.id())) {
        if (next.after().options().contains(choice)) {
          last =
              Math.max(
                  last, end(scenario, next, answered + next.after().delay().toMillis(), slowest));
        }
      }
      chosen = slowest ? Math.max(chosen, last) : Math.min(chosen, last);
    }
    return Math.max(arrives, chosen);
  }
}
