package io.breachdrill.drill;

import io.breachdrill.web.Missing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * This node's newest snapshot of one drill, shared by every live page open on it. A signal makes
 * the feed read only the events after the newest one it holds, once, and then wakes its streams,
 * which render from the snapshot without touching the database: a drill with a hundred open pages
 * costs one small query per signal, not a hundred reads of its whole log.
 */
final class DrillFeed {

  private static final Logger LOG = Logger.getLogger(DrillFeed.class);

  private final long drillId;
  private final Drills drills;
  private final Executor executor;
  private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Drills.Snapshot latest;
  private volatile AutoCloseable subscription;

  DrillFeed(long drillId, Drills drills, Executor executor) {
    this.drillId = drillId;
    this.drills = drills;
    this.executor = executor;
  }

  long drillId() {
    return drillId;
  }

  /** The newest snapshot this node has read; null until the first read is done. */
  Drills.Snapshot latest() {
    return latest;
  }

  void subscribe(LiveEvents live) {
    subscription = live.listen(drillId, seq -> wake());
  }

  void add(LiveStream stream) {
    streams.add(stream);
  }

  /** Removes a stream; returns true when none is left, so the feed can be dropped. */
  boolean remove(LiveStream stream) {
    streams.remove(stream);
    return streams.isEmpty();
  }

  int size() {
    return streams.size();
  }

  void heartbeat(long nowNanos) {
    streams.forEach(stream -> stream.heartbeat(nowNanos));
  }

  void unsubscribe() {
    AutoCloseable handle = subscription;
    subscription = null;
    if (handle != null) {
      try {
        handle.close();
      } catch (Exception e) {
        LOG.debug("closing a drill feed's subscription", e);
      }
    }
  }

  /** Asks for a read of the log's new events; repeated signals while one runs fold into one. */
  void wake() {
    dirty.set(true);
    if (busy.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    try {
      while (dirty.getAndSet(false)) {
        if (refresh()) {
          streams.forEach(LiveStream::wake);
        }
      }
    } catch (Missing e) {
      streams.forEach(LiveStream::close);
    } catch (RuntimeException e) {
      // The database may be away; the next signal or heartbeat reads again.
      LOG.warnf(
          e, "Reading drill %d's new events failed; trying again on the next signal", drillId);
    } finally {
      busy.set(false);
    }
    if (dirty.get() && busy.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private boolean refresh() {
    Drills.Snapshot before = latest;
    Drills.Snapshot after = QuarkusTransaction.requiringNew().call(() -> drills.snapshot(drillId));
    if (before != null && after.state().lastSeq() <= before.state().lastSeq()) {
      return false;
    }
    latest = after;
    return true;
  }
}
