package io.breachdrill.drill;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs on PostgreSQL for drill events appended by any node and passes them to {@link
 * LiveEvents}. Holds its own connection outside the pool; when it breaks it reconnects and tells
 * every page to look at the log again, so nothing appended meanwhile is missed.
 */
@ApplicationScoped
class EventListener {

  private static final Logger LOG = Logger.getLogger(EventListener.class);

  /** How the listening connection shows in pg_stat_activity. */
  static final String APPLICATION_NAME = "breachdrill drill event listener";

  /** Short, so a node is ready again soon after its database; a refused connection is cheap. */
  private static final Duration RETRY = Duration.ofMillis(500);

  private static final Duration CHECK_EVERY = Duration.ofSeconds(15);

  private final LiveEvents live;
  private final String dbKind;
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  EventListener(
      LiveEvents live,
      @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.live = live;
    this.dbKind = dbKind;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void onStart(@Observes StartupEvent event) {
    if (!dbKind.startsWith("postgres")) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "drill-event-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * Whether this node hears what other nodes append; without PostgreSQL signals stay in process and
   * it always does.
   */
  boolean listening() {
    return listening || !dbKind.startsWith("postgres");
  }

  private void loop() {
    Instant lost = null;
    while (running) {
      try (Connection connection = DriverManager.getConnection(url, properties())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + LiveEvents.CHANNEL);
        }
        listening = true;
        if (lost != null) {
          LOG.infof(
              "The drill event listener is connected again, after %d ms",
              Duration.between(lost, Instant.now()).toMillis());
          lost = null;
        }
        live.publishToAll();
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (running) {
          // Once per outage: while the database is down every retry fails the same way.
          if (lost == null) {
            lost = Instant.now();
            LOG.warnf("Lost the drill event listener's connection (%s); retrying", e.getMessage());
          } else {
            LOG.debugf("The drill event listener still cannot connect: %s", e.getMessage());
          }
          sleep();
        }
      }
    }
    listening = false;
  }

  /**
   * Waits for notices; a query now and then proves the connection still reaches the server, since a
   * connection dropped silently (a firewall's idle time-out) would otherwise wait forever.
   */
  private void listen(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(1000);
      if (notifications != null) {
        for (PGNotification notification : notifications) {
          pass(notification.getParameter());
        }
      }
      if (System.nanoTime() - nextCheck > 0) {
        try (Statement check = connection.createStatement()) {
          check.execute("SELECT 1");
        }
        nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
      }
    }
  }

  private Properties properties() {
    Properties properties = new Properties();
    user.ifPresent(u -> properties.setProperty("user", u));
    password.ifPresent(p -> properties.setProperty("password", p));
    // A read that hangs this long means the server is gone: reconnect.
    properties.setProperty("socketTimeout", Long.toString(CHECK_EVERY.multipliedBy(2).toSeconds()));
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    return properties;
  }

  private void pass(String payload) {
    int colon = payload.indexOf(':');
    try {
      live.publish(
          Long.parseLong(payload.substring(0, colon)),
          Long.parseLong(payload.substring(colon + 1)));
    } catch (RuntimeException e) {
      LOG.warnf("Ignoring a malformed drill event notice: %s", payload);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
