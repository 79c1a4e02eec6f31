import com.fasterxml.jackson.databind.ObjectMapper;
import io.breachdrill.drill.engine.DrillEvent;
import io.breachdrill.drill.engine.EventType;
import io.breachdrill.scenario.ScenarioFile;
import io.breachdrill.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

/**
 * Stores one finished drill of about EVENTS events (from {@link DrillLogGenerator}) in a database
 * the packaged app has migrated and loaded its library into, as the app itself would have logged
 * it: the drill, its teams and its events with their JSON data. Prints the drill's id.
 *
 * <p>{@code ScorecardSeed JDBC_URL SCENARIO.yaml FACILITATOR_EMAIL [EVENTS=10000]}
 */
public final class ScorecardSeed {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    ScenarioFile file = ScenarioLoader.read(Path.of(args[1]));
    String facilitator = args[2];
    int events = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    List<DrillEvent> log = DrillLogGenerator.generate(file.scenario(), events, 42).log();
    ObjectMapper json = new ObjectMapper();
    long drillId = 5_000_001;
    long firstTeam = 6_000_000;
    try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
      db.setAutoCommit(false);
      long user;
      long version;
      try (PreparedStatement q = db.prepareStatement("SELECT id FROM app_user WHERE email = ?")) {
        q.setString(1, facilitator);
        ResultSet r = q.executeQuery();
        r.next();
        user = r.getLong(1);
      }
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT id FROM scenario_version WHERE scenario_id = ? AND content_hash = ?")) {
        q.setString(1, file.scenario().id());
        q.setString(2, file.sha256());
        ResultSet r = q.executeQuery();
        if (!r.next()) {
          throw new IllegalStateException("the app has not loaded " + args[1] + " as it is now");
        }
        version = r.getLong(1);
      }
      DrillEvent created = log.get(0);
      try (PreparedStatement q =
          db.prepareStatement(
              "INSERT INTO drill (id, title, scenario_id, facilitator_id, created_at,"
                  + " scenario_version_id, status) VALUES (?, ?, ?, ?, ?, ?, 'finished')")) {
        q.setLong(1, drillId);
        q.setString(2, "Scorecard benchmark: " + log.size() + " events");
        q.setString(3, file.scenario().id());
        q.setLong(4, user);
        q.setTimestamp(5, Timestamp.from(created.at()));
        q.setLong(6, version);
        q.executeUpdate();
      }
      try (PreparedStatement team =
          db.prepareStatement("INSERT INTO team (id, drill_id, name) VALUES (?, ?, ?)")) {
        for (DrillEvent e : log) {
          if (e.type() == EventType.TEAM_ADDED) {
            team.setLong(1, firstTeam + e.teamId());
            team.setLong(2, drillId);
            team.setString(3, e.data().teamName());
            team.addBatch();
          }
        }
        team.executeBatch();
      }
      try (PreparedStatement row =
          db.prepareStatement(
              "INSERT INTO drill_event (id, drill_id, seq, type, team_id, once_key, occurred_at,"
                  + " drill_ms, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (DrillEvent e : log) {
          row.setLong(1, 7_000_000 + e.seq());
          row.setLong(2, drillId);
          row.setLong(3, e.seq());
          row.setString(4, e.type().name());
          if (e.teamId() == null) {
            row.setNull(5, java.sql.Types.BIGINT);
          } else {
            row.setLong(5, firstTeam + e.teamId());
          }
          row.setString(6, e.onceKey());
          row.setTimestamp(7, Timestamp.from(e.at()));
          row.setLong(8, e.drillMs());
          row.setString(9, e.actor());
          row.setString(10, json.writeValueAsString(e.data()));
          row.addBatch();
        }
        row.executeBatch();
      }
      db.commit();
    }
    System.out.println(drillId);
  }
}
