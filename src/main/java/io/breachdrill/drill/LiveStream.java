package io.breachdrill.drill;

import io.breachdrill.drill.engine.DrillEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * One page's server-sent event stream. Each message carries server-rendered fragments for one event
 * and the event's seq as its id, so a browser that reconnects with Last-Event-ID gets exactly what
 * it missed. A signal from {@link LiveEvents} only wakes the stream: it reads the log after the
 * last seq it sent, so signals may be lost or repeated without gaps or duplicates.
 */
public final class LiveStream {

  private static final Logger LOG = Logger.getLogger(LiveStream.class);

  /** Renders what a page shows for an event, from the drill as it is now; null for nothing. */
  public interface Renderer extends BiFunction<Drills.Snapshot, DrillEvent, String> {}

  private final long drillId;
  private final Drills drills;
  private final Renderer renderer;
  private final SseEventSink sink;
  private final Sse sse;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final Runnable onClose;
  private volatile long lastSent;
  private volatile AutoCloseable subscription;

  LiveStream(
      long drillId,
      long after,
      Drills drills,
      Renderer renderer,
      SseEventSink sink,
      Sse sse,
      Runnable onClose) {
    this.drillId = drillId;
    this.onClose = onClose;
    this.lastSent = after;
    this.drills = drills;
    this.renderer = renderer;
    this.sink = sink;
    this.sse = sse;
  }

  /** The seq a stream starts after: the browser's Last-Event-ID on a reconnect, else the page's. */
  public static long startAfter(HttpHeaders headers, Long after) {
    String last = headers.getHeaderString("Last-Event-ID");
    if (last != null && !last.isBlank()) {
      try {
        return Math.max(0, Long.parseLong(last.strip()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return after == null ? 0 : Math.max(0, after);
  }

  void start(LiveEvents live) {
    subscription = live.listen(drillId, seq -> wake());
    wake();
  }

  /** A comment line keeps proxies from closing an idle stream and finds closed ones. */
  void heartbeat() {
    if (sink.isClosed()) {
      close();
      return;
    }
    sink.send(sse.newEventBuilder().comment("keep-alive").build())
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                close();
              }
            });
  }

  private void wake() {
    dirty.set(true);
    if (busy.compareAndSet(false, true)) {
      Infrastructure.getDefaultWorkerPool().execute(this::drain);
    }
  }

  private void drain() {
    try {
      while (dirty.getAndSet(false) && !sink.isClosed()) {
        sendNew();
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "Live stream of drill %d failed; the browser reconnects", drillId);
      close();
    } finally {
      busy.set(false);
    }
    if (dirty.get() && !sink.isClosed() && busy.compareAndSet(false, true)) {
      Infrastructure.getDefaultWorkerPool().execute(this::drain);
    }
    if (sink.isClosed()) {
      close();
    }
  }

  private void sendNew() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Drills.Snapshot snapshot = drills.snapshot(drillId);
              List<DrillEvent> fresh =
                  snapshot.events().stream().filter(e -> e.seq() > lastSent).toList();
              for (DrillEvent event : fresh) {
                String html = renderer.apply(snapshot, event);
                if (html != null && !html.isBlank()) {
                  sink.send(
                      sse.newEventBuilder()
                          .id(Long.toString(event.seq()))
                          .name("update")
                          .data(html)
                          .build());
                }
                lastSent = event.seq();
              }
            });
  }

  private void close() {
    AutoCloseable handle = subscription;
    subscription = null;
    onClose.run();
    if (handle != null) {
      try {
        handle.close();
      } catch (Exception e) {
        LOG.debug("closing a live stream's subscription", e);
      }
    }
    if (!sink.isClosed()) {
      sink.close();
    }
  }
}
