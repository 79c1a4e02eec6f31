package io.breachdrill.drill;

import io.breachdrill.drill.engine.DrillEvent;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One page's server-sent event stream. Each message carries server-rendered fragments for one event
 * and the event's seq as its id, so a browser that reconnects with Last-Event-ID gets exactly what
 * it missed. The stream renders from its drill's {@link DrillFeed}: whenever the feed holds events
 * after the last one sent, it sends them, so signals may be lost or repeated without gaps or
 * duplicates.
 *
 * <p>A client that stops reading must not hold memory or threads: writes are never waited for, and
 * a stream whose writes stop completing is hung up (see {@link LiveLimits}).
 */
public final class LiveStream {

  private static final Logger LOG = Logger.getLogger(LiveStream.class);

  /** Renders what a page shows for an event, from the drill as it is now; null for nothing. */
  public interface Renderer extends BiFunction<Drills.Snapshot, DrillEvent, String> {}

  private final DrillFeed feed;
  private final Renderer renderer;
  private final SseEventSink sink;
  private final Sse sse;
  private final Runnable hangUp;
  private final BooleanSupplier opened;
  private final LiveLimits limits;
  private final ScheduledExecutorService executor;
  private final Runnable onClose;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger unwritten = new AtomicInteger();
  private volatile long waitingSince;
  private volatile long lastSent;

  LiveStream(
      DrillFeed feed,
      long after,
      Renderer renderer,
      SseEventSink sink,
      Sse sse,
      Runnable hangUp,
      BooleanSupplier opened,
      LiveLimits limits,
      ScheduledExecutorService executor,
      Runnable onClose) {
    this.feed = feed;
    this.lastSent = after;
    this.renderer = renderer;
    this.sink = sink;
    this.sse = sse;
    this.hangUp = hangUp;
    this.opened = opened;
    this.limits = limits;
    this.executor = executor;
    this.onClose = onClose;
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

  /**
   * A comment line keeps proxies from closing an idle stream and finds closed ones; a stream that
   * has not been able to write for too long is hung up here even when nothing new comes.
   */
  void heartbeat(long nowNanos) {
    if (!opened.getAsBoolean()) {
      return;
    }
    if (sink.isClosed()) {
      close();
    } else if (stalled(nowNanos)) {
      drop("no write completed for " + limits.stallTimeout());
    } else {
      send(sse.newEventBuilder().comment("keep-alive").build());
    }
  }

  /** Renders what the feed holds beyond the last event sent, on a worker thread, one at a time. */
  void wake() {
    dirty.set(true);
    if (busy.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    // The framework writes the stream's response head after the resource method returns; a
    // message sent before that would race it.
    if (!opened.getAsBoolean()) {
      busy.set(false);
      executor.schedule(this::wake, 5, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      while (dirty.getAndSet(false) && !closed.get()) {
        sendNew();
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "Live stream of drill %d failed; the browser reconnects", feed.drillId());
      close();
    } finally {
      busy.set(false);
    }
    if (dirty.get() && !closed.get() && busy.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void sendNew() {
    Drills.Snapshot snapshot = feed.latest();
    if (snapshot == null) {
      return;
    }
    List<DrillEvent> events = snapshot.events();
    // Seqs run 1, 2, 3, ... without gaps, so the event after seq n sits at index n.
    for (int i = (int) Math.min(lastSent, events.size()); i < events.size(); i++) {
      if (closed.get()) {
        return;
      }
      DrillEvent event = events.get(i);
      String html = renderer.apply(snapshot, event);
      if (html != null && !html.isBlank()) {
        send(
            sse.newEventBuilder().id(Long.toString(event.seq())).name("update").data(html).build());
      }
      lastSent = event.seq();
    }
  }

  private void send(OutboundSseEvent message) {
    if (sink.isClosed()) {
      close();
      return;
    }
    if (unwritten.incrementAndGet() == 1) {
      waitingSince = System.nanoTime();
    }
    sink.send(message)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                close();
              } else {
                unwritten.decrementAndGet();
                waitingSince = System.nanoTime();
              }
            });
    if (unwritten.get() > limits.maxUnwritten()) {
      drop(unwritten.get() + " messages unwritten");
    } else if (stalled(System.nanoTime())) {
      drop("no write completed for " + limits.stallTimeout());
    }
  }

  private boolean stalled(long nowNanos) {
    return unwritten.get() > 0 && nowNanos - waitingSince > limits.stallTimeout().toNanos();
  }

  /** Hangs up on a client that does not read, so its unsent messages are freed. */
  private void drop(String why) {
    if (close()) {
      LOG.infof("Dropped a live stream of drill %d that stopped reading (%s)", feed.drillId(), why);
      hangUp.run();
    }
  }

  /** Ends the stream; true for the call that ended it. */
  boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    onClose.run();
    if (!sink.isClosed()) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a live stream", e);
      }
    }
    return true;
  }
}
