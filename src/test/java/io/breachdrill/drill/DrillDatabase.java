package io.breachdrill.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The database the nodes share, read directly: the drill log as stored, and who listens. */
final class DrillDatabase {

  /** One row of drill_event. */
  record Row(
      long seq, String type, Long teamId, String onceKey, long drillMs, Instant at, JsonNode data) {

    boolean forTeam(long team) {
      return teamId != null && teamId == team;
    }

    boolean delivery() {
      return type.equals("INJECT_DELIVERED");
    }

    @Override
    public String toString() {
      return seq + " " + type + " team=" + teamId + " " + onceKey + " @" + drillMs + " " + data;
    }
  }

  final String jdbcUrl;

  DrillDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }

  /** The drill's log, in seq order. */
  List<Row> events(long drillId) throws SQLException {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT seq, type, team_id, once_key, drill_ms, occurred_at, data FROM drill_event"
                    + " WHERE drill_id = ? ORDER BY seq")) {
      query.setLong(1, drillId);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          long team = rs.getLong("team_id");
          Long teamId = rs.wasNull() ? null : team;
          rows.add(
              new Row(
                  rs.getLong("seq"),
                  rs.getString("type"),
                  teamId,
                  rs.getString("once_key"),
                  rs.getLong("drill_ms"),
                  rs.getTimestamp("occurred_at").toInstant(),
                  Browser.JSON.readTree(rs.getString("data"))));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return rows;
    }
  }

  /** When the drill's clock first started. */
  Instant startedAt(long drillId) throws SQLException {
    return events(drillId).stream()
        .filter(r -> r.type().equals("STARTED"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("drill " + drillId + " never started"))
        .at();
  }

  /** Polls the drill's log until it passes; fails with the log after the timeout. */
  List<Row> awaitEvents(long drillId, String what, Predicate<List<Row>> done, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<Row> rows = events(drillId);
    while (!done.test(rows)) {
      if (Instant.now().isAfter(deadline)) {
        fail("Waited " + timeout.toSeconds() + " s for " + what + "; the log holds:\n" + rows);
      }
      Thread.sleep(100);
      rows = events(drillId);
    }
    return rows;
  }

  /** A team's scenario inject deliveries by inject id (the last one, if a key repeated). */
  static Map<String, Row> deliveries(List<Row> log, long team) {
    Map<String, Row> byInject = new LinkedHashMap<>();
    for (Row row : log) {
      if (row.delivery() && row.forTeam(team)) {
        byInject.put(row.onceKey(), row);
      }
    }
    return byInject;
  }

  /**
   * Each delivery and decision outcome is in the log once per team (the unique key ensures it; this
   * checks the log as read), and seqs run from 1 without a gap.
   */
  static void assertExactlyOnce(List<Row> log) {
    Map<String, Long> counts =
        log.stream()
            .filter(r -> r.onceKey() != null)
            .collect(
                Collectors.groupingBy(r -> r.teamId() + "/" + r.onceKey(), Collectors.counting()));
    assertThat(counts)
        .as("deliveries and outcomes per team and key")
        .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.get(i).seq()).as("seq without gaps").isEqualTo(i + 1L);
    }
  }

  /** The database backends of the nodes' LISTEN connections. */
  List<Integer> listenerPids() throws SQLException {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = ? ORDER BY pid")) {
      query.setString(1, EventListener.APPLICATION_NAME);
      List<Integer> pids = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getInt(1));
        }
      }
      return pids;
    }
  }

  /** Ends every other session on this database, the nodes' pooled and listening ones. */
  int terminateOthers() throws SQLException {
    try (Connection db = connect();
        PreparedStatement kill =
            db.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        ResultSet rs = kill.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  void terminate(List<Integer> pids) throws SQLException {
    try (Connection db = connect();
        PreparedStatement kill = db.prepareStatement("SELECT pg_terminate_backend(?)")) {
      for (int pid : pids) {
        kill.setInt(1, pid);
        kill.execute();
      }
    }
  }
}
