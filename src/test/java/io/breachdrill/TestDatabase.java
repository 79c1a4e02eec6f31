package io.breachdrill;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Creates the test database on the local PostgreSQL before the first Quarkus test starts, so a
 * fresh machine needs no manual set-up. Flyway then cleans and migrates it.
 */
@WithTestResource(value = TestDatabase.class, scope = TestResourceScope.GLOBAL)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String NAME = "breachdrill_test";
  static final String USER = "postgres";

  @Override
  public Map<String, String> start() {
    ensureExists(NAME);
    return Map.of();
  }

  /** Creates the database on the local server unless it is there already. */
  public static void ensureExists(String name) {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      if (!exists(admin, name)) {
        try (Statement create = admin.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth): " + e.getMessage(),
          e);
    }
  }

  /** Drops the database if it is there and creates it empty. */
  public static void recreate(String name) {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot recreate database " + name + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection admin, String name) throws SQLException {
    try (PreparedStatement query =
        admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  public void stop() {}
}
