import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop page generator: request i is due at start + i / rate whether or not earlier ones
 * have answered, and its latency runs from that due time to the last byte of the body, so a slow
 * server cannot hide its slowness by slowing the generator down (no coordinated omission).
 */
final class PageLoad implements Runnable {

  /** A page to load and the browser that loads it. */
  record Target(Session session, String path, int node, int drill, long teamId, int client) {}

  private final String kind;
  private final double rate;
  private final List<Target> targets;
  private final Results results;
  private final Random random;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int maxInFlight;
  private volatile boolean stopped;
  private volatile long sent;

  PageLoad(String kind, double rate, List<Target> targets, Results results, long seed) {
    this.kind = kind;
    this.rate = rate;
    this.targets = targets;
    this.results = results;
    this.random = new Random(seed);
  }

  Thread start() {
    Thread thread = new Thread(this, "page-load-" + kind);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void stop() {
    stopped = true;
  }

  long sent() {
    return sent;
  }

  int inFlight() {
    return inFlight.get();
  }

  int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public void run() {
    if (rate <= 0 || targets.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    for (long i = 0; !stopped; i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait;
      while (!stopped && (wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (stopped) {
        return;
      }
      Target target = targets.get(random.nextInt(targets.size()));
      int now = inFlight.incrementAndGet();
      if (now > maxInFlight) {
        maxInFlight = now;
      }
      sent = i + 1;
      long dueWallMs = System.currentTimeMillis() - (System.nanoTime() - due) / 1_000_000;
      target
          .session
          .http
          .sendAsync(
              target.session.request(target.path).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                inFlight.decrementAndGet();
                results.page(
                    kind,
                    target,
                    dueWallMs,
                    (System.nanoTime() - due) / 1e6,
                    response == null ? -1 : response.statusCode(),
                    failure);
              });
    }
  }
}
