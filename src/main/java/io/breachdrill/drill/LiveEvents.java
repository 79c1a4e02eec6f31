package io.breachdrill.drill;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the live pages of a drill that its log grew. The signal carries only the newest seq; a page
 * reads what it has not shown yet from the log, so a lost or repeated signal costs nothing. On
 * PostgreSQL every append is also announced with NOTIFY, and {@link EventListener} passes what
 * other nodes appended to the pages held here.
 */
@ApplicationScoped
public class LiveEvents {

  static final String CHANNEL = "breachdrill_drill_events";

  private final Map<Long, Set<LongConsumer>> listeners = new ConcurrentHashMap<>();
  private final Set<Runnable> everyDrill = ConcurrentHashMap.newKeySet();
  private final TransactionSynchronizationRegistry transactions;
  private final EntityManager entities;
  private final boolean postgres;

  LiveEvents(
      TransactionSynchronizationRegistry transactions,
      EntityManager entities,
      @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
    this.transactions = transactions;
    this.entities = entities;
    this.postgres = dbKind.startsWith("postgres");
  }

  /** Called inside the appending transaction: nobody hears of the events unless it commits. */
  void announce(long drillId, long seq) {
    if (postgres) {
      entities
          .createNativeQuery("SELECT pg_notify(?1, ?2)")
          .setParameter(1, CHANNEL)
          .setParameter(2, drillId + ":" + seq)
          .getSingleResult();
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              publish(drillId, seq);
            }
          }
        });
  }

  /** Passes a signal to this node's listeners of the drill. */
  void publish(long drillId, long seq) {
    listeners.getOrDefault(drillId, Set.of()).forEach(listener -> listener.accept(seq));
    everyDrill.forEach(Runnable::run);
  }

  /** Every listener, as after a lost database connection: they look at the log again. */
  void publishToAll() {
    listeners.values().forEach(set -> set.forEach(listener -> listener.accept(Long.MAX_VALUE)));
    everyDrill.forEach(Runnable::run);
  }

  /** Hears of every append to any drill, from any node (the dispatcher: a schedule may change). */
  void listenToAll(Runnable listener) {
    everyDrill.add(listener);
  }

  /** Registers a listener until the returned handle is closed. */
  public AutoCloseable listen(long drillId, LongConsumer listener) {
    listeners.computeIfAbsent(drillId, id -> ConcurrentHashMap.newKeySet()).add(listener);
    return () ->
        listeners.computeIfPresent(
            drillId,
            (id, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }

  @PreDestroy
  void clear() {
    listeners.clear();
    everyDrill.clear();
  }
}
