package io.breachdrill.drill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers due injects and records decision time-outs, on every node: each round claims due drills
 * one at a time with SKIP LOCKED, so nodes share the work and never wait on each other. After
 * downtime the first round catches up, in drill-time order.
 *
 * <p>Between rounds the dispatcher sleeps until the earliest due time in the database, at most
 * {@code breachdrill.drill.dispatch-every}, and any append on any node wakes it to look again (a
 * decision may have scheduled its branch sooner). So an inject goes out when it is due rather than
 * up to one polling interval later. It runs on a thread of its own: Quarkus' simple scheduler looks
 * at its triggers only once a second.
 *
 * <p>Drills that come due together (an exercise day starts them all at once) are claimed by {@code
 * breachdrill.drill.dispatchers} threads in parallel: one after another, the last of ten drills
 * waited for the nine before it.
 */
@ApplicationScoped
public class InjectDispatcher {

  private static final Logger LOG = Logger.getLogger(InjectDispatcher.class);

  /** Enough for a burst of drills without letting one round run forever. */
  static final int MAX_PER_TICK = 200;

  /**
   * A drill due but held by another node or a command: looked at again this soon, not in a spin.
   */
  private static final Duration HELD_RETRY = Duration.ofMillis(5);

  private final Drills drills;
  private final LiveEvents live;
  private final Duration every;
  private final int parallel;
  private final Timer ticks;
  private final Counter claims;
  private volatile boolean running;
  private volatile boolean failing;
  private Thread thread;
  private ExecutorService helpers;

  InjectDispatcher(
      Drills drills,
      LiveEvents live,
      @ConfigProperty(name = "breachdrill.drill.dispatch-every") Duration every,
      @ConfigProperty(name = "breachdrill.drill.dispatchers") int parallel,
      MeterRegistry metrics) {
    if (parallel < 1) {
      throw new IllegalArgumentException(
          "breachdrill.drill.dispatchers must be at least 1, not " + parallel);
    }
    this.drills = drills;
    this.live = live;
    this.every = every;
    this.parallel = parallel;
    // Per node, so an operator sees that every node's dispatcher runs and which ones deliver.
    this.ticks =
        Timer.builder("breachdrill.drill.dispatch")
            .description("Dispatcher rounds on this node and how long they took")
            .register(metrics);
    this.claims =
        Counter.builder("breachdrill.drill.dispatch.claims")
            .description("Due drills this node claimed and delivered for")
            .register(metrics);
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    if (parallel > 1) {
      AtomicInteger count = new AtomicInteger();
      helpers =
          Executors.newFixedThreadPool(
              parallel - 1,
              task -> {
                Thread helper = new Thread(task, "inject-dispatcher-" + count.incrementAndGet());
                helper.setDaemon(true);
                return helper;
              });
    }
    thread = new Thread(this::run, "inject-dispatcher");
    thread.setDaemon(true);
    live.listenToAll(this::wake);
    thread.start();
  }

  /** Lets a round in progress commit, so a clean shutdown never leaves one half done. */
  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
      thread.join(5000);
    }
    if (helpers != null) {
      helpers.shutdown();
    }
  }

  /** Makes the dispatcher look at the schedule now (a wake-up during a round is kept for after). */
  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void run() {
    while (running) {
      tick();
      long nanos = pause().toNanos();
      if (nanos > 0 && running) {
        LockSupport.parkNanos(this, nanos);
      }
    }
  }

  void tick() {
    ticks.record(
        () -> {
          try {
            dispatch();
            if (failing) {
              LOG.info("Dispatching due injects works again");
              failing = false;
            }
          } catch (RuntimeException e) {
            // Once per outage, not ten times a second while the database is away.
            if (!failing) {
              LOG.error("Dispatching due injects failed; retrying until it works", e);
              failing = true;
            } else {
              LOG.debug("Dispatching due injects failed again", e);
            }
          }
        });
  }

  /** Until the earliest due time, never longer than the polling interval. */
  private Duration pause() {
    if (failing) {
      return every;
    }
    try {
      Optional<Duration> until = drills.untilNextDue();
      if (until.isEmpty() || until.get().compareTo(every) > 0) {
        return every;
      }
      return until.get().isNegative() || until.get().isZero() ? HELD_RETRY : until.get();
    } catch (RuntimeException e) {
      LOG.debug("Reading the next due time failed", e);
      return every;
    }
  }

  /** Delivers everything due now; returns how many drills had something due. */
  public int dispatch() {
    // The first claim alone: most rounds find nothing due, and those cost one query, not several.
    if (!drills.deliverNextDue()) {
      return 0;
    }
    claims.increment();
    AtomicInteger handled = new AtomicInteger(1);
    Runnable claimAll =
        () -> {
          while (handled.get() < MAX_PER_TICK && drills.deliverNextDue()) {
            handled.incrementAndGet();
            claims.increment();
          }
        };
    if (helpers == null) {
      claimAll.run();
      return handled.get();
    }
    CompletableFuture<?>[] others =
        IntStream.range(1, parallel)
            .mapToObj(i -> CompletableFuture.runAsync(claimAll, helpers))
            .toArray(CompletableFuture[]::new);
    try {
      claimAll.run();
    } finally {
      // The round ends when every claim has committed, so rounds never overlap.
      CompletableFuture.allOf(others).join();
    }
    return handled.get();
  }
}
