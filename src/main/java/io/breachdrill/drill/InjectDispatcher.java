package io.breachdrill.drill;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers due injects and records decision time-outs, on every node: each tick claims due drills
 * one at a time with SKIP LOCKED, so nodes share the work and never wait on each other. After
 * downtime the first tick catches up, in drill-time order.
 */
@ApplicationScoped
public class InjectDispatcher {

  private static final Logger LOG = Logger.getLogger(InjectDispatcher.class);

  /** Enough for a burst of drills without letting one tick run forever. */
  static final int MAX_PER_TICK = 200;

  private final Drills drills;

  InjectDispatcher(Drills drills) {
    this.drills = drills;
  }

  @Scheduled(
      identity = "inject-dispatcher",
      every = "${breachdrill.drill.dispatch-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      dispatch();
    } catch (RuntimeException e) {
      LOG.error("Dispatching due injects failed; the next tick tries again", e);
    }
  }

  /** Delivers everything due now; returns how many drills had something due. */
  public int dispatch() {
    int handled = 0;
    while (handled < MAX_PER_TICK && drills.deliverNextDue()) {
      handled++;
    }
    return handled;
  }
}
