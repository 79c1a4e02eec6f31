package io.breachdrill.drill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers due injects and records decision time-outs, on every node: each tick claims due drills
 * one at a time with SKIP LOCKED, so nodes share the work and never wait on each other. After
 * downtime the first tick catches up, in drill-time order.
 *
 * <p>Ticks run on a thread of their own rather than as a Quarkus {@code @Scheduled} method: the
 * simple scheduler looks at its triggers only once a second, so any interval below that silently
 * became a second, and an inject up to a second late.
 */
@ApplicationScoped
public class InjectDispatcher {

  private static final Logger LOG = Logger.getLogger(InjectDispatcher.class);

  /** Enough for a burst of drills without letting one tick run forever. */
  static final int MAX_PER_TICK = 200;

  private final Drills drills;
  private final Duration every;
  private final Timer ticks;
  private final Counter claims;
  private ScheduledExecutorService ticker;

  InjectDispatcher(
      Drills drills,
      @ConfigProperty(name = "breachdrill.drill.dispatch-every") Duration every,
      MeterRegistry metrics) {
    this.drills = drills;
    this.every = every;
    // Per node, so an operator sees that every node's dispatcher runs and which ones deliver.
    this.ticks =
        Timer.builder("breachdrill.drill.dispatch")
            .description("Dispatcher ticks on this node and how long they took")
            .register(metrics);
    this.claims =
        Counter.builder("breachdrill.drill.dispatch.claims")
            .description("Due drills this node claimed and delivered for")
            .register(metrics);
  }

  void onStart(@Observes StartupEvent event) {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "inject-dispatcher");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, every.toMillis());
    // A fixed delay, not a fixed rate: ticks never overlap, and a slow one is not made up for.
    ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Lets a tick in progress commit, so a clean shutdown never leaves one half done. */
  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    if (ticker != null) {
      ticker.shutdown();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  void tick() {
    ticks.record(
        () -> {
          try {
            dispatch();
          } catch (RuntimeException e) {
            LOG.error("Dispatching due injects failed; the next tick tries again", e);
          }
        });
  }

  /** Delivers everything due now; returns how many drills had something due. */
  public int dispatch() {
    int handled = 0;
    while (handled < MAX_PER_TICK && drills.deliverNextDue()) {
      handled++;
      claims.increment();
    }
    return handled;
  }
}
