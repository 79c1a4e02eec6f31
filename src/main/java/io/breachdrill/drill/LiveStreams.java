package io.breachdrill.drill;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live streams this node holds open, kept alive by a heartbeat. */
@ApplicationScoped
public class LiveStreams {

  private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
  private final Drills drills;
  private final LiveEvents live;

  LiveStreams(Drills drills, LiveEvents live) {
    this.drills = drills;
    this.live = live;
  }

  /**
   * Streams what the renderer makes of each event of the drill after {@code after}, for as long as
   * the browser listens.
   */
  public void open(
      long drillId, long after, LiveStream.Renderer renderer, SseEventSink sink, Sse sse) {
    LiveStream[] self = new LiveStream[1];
    self[0] =
        new LiveStream(drillId, after, drills, renderer, sink, sse, () -> open.remove(self[0]));
    open.add(self[0]);
    self[0].start(live);
  }

  @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    open.forEach(LiveStream::heartbeat);
  }
}
