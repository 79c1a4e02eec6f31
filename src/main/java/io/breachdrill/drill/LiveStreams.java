package io.breachdrill.drill;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The live streams this node holds open, grouped by drill: each drill with open pages has one
 * {@link DrillFeed} that reads its new events once per signal for all of them. A heartbeat keeps
 * idle streams alive, hangs up on clients that stopped reading, and makes every feed look at the
 * log again in case a signal was lost.
 */
@ApplicationScoped
public class LiveStreams {

  private final Map<Long, DrillFeed> feeds = new ConcurrentHashMap<>();
  private final Drills drills;
  private final LiveEvents live;
  private final LiveLimits limits;
  private final CurrentVertxRequest request;
  private final ScheduledExecutorService executor = Infrastructure.getDefaultWorkerPool();

  LiveStreams(
      Drills drills,
      LiveEvents live,
      LiveLimits limits,
      CurrentVertxRequest request,
      MeterRegistry metrics) {
    this.drills = drills;
    this.live = live;
    this.limits = limits;
    this.request = request;
    Gauge.builder("breachdrill.live.streams", this, LiveStreams::count)
        .description("Live page streams open on this node")
        .register(metrics);
  }

  /**
   * Streams what the renderer makes of each event of the drill after {@code after}, for as long as
   * the browser listens. Called on the request that asked for the stream.
   */
  public void open(
      long drillId, long after, LiveStream.Renderer renderer, SseEventSink sink, Sse sse) {
    HttpServerRequest http = request.getCurrent().request();
    Runnable hangUp = hangUp(http);
    LiveStream[] self = new LiveStream[1];
    boolean[] created = {false};
    DrillFeed feed =
        feeds.compute(
            drillId,
            (id, existing) -> {
              DrillFeed f = existing;
              if (f == null) {
                f = new DrillFeed(id, drills, executor);
                f.subscribe(live);
                created[0] = true;
              }
              DrillFeed owner = f;
              self[0] =
                  new LiveStream(
                      f,
                      after,
                      renderer,
                      sink,
                      sse,
                      hangUp,
                      http.response()::headWritten,
                      limits,
                      executor,
                      () -> closed(owner, self[0]));
              f.add(self[0]);
              return f;
            });
    if (created[0]) {
      feed.wake();
    }
    self[0].wake();
  }

  private void closed(DrillFeed feed, LiveStream stream) {
    feeds.computeIfPresent(
        feed.drillId(),
        (id, current) -> {
          if (current != feed || !feed.remove(stream)) {
            return current;
          }
          feed.unsubscribe();
          return null;
        });
  }

  /** Closes the connection itself: a client that does not read would never see a polite end. */
  private static Runnable hangUp(HttpServerRequest request) {
    return () -> {
      if (request.version() == HttpVersion.HTTP_2) {
        request.response().reset();
      } else {
        request.connection().close();
      }
    };
  }

  int count() {
    return feeds.values().stream().mapToInt(DrillFeed::size).sum();
  }

  @Scheduled(
      every = "${breachdrill.live.heartbeat}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    long now = System.nanoTime();
    feeds.values().forEach(DrillFeed::wake);
    feeds.values().forEach(feed -> feed.heartbeat(now));
  }
}
