package io.breachdrill.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The audit log is append-only even for someone holding the app's database credentials. */
@QuarkusTest
class AuditLogTest {

  @Inject AgroalDataSource database;

  @Test
  void theDatabaseRefusesToChangeOrDeleteEntries() throws SQLException {
    TestAccounts.Account max = TestAccounts.staff(Role.MANAGER);
    max.form().post("/logout");
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_entry SET actor = 'nobody'"))
          .hasMessageContaining("audit_entry is append-only: UPDATE refused");
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_entry"))
          .hasMessageContaining("audit_entry is append-only: DELETE refused");
      assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_entry"))
          .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
      try (var rows =
          statement.executeQuery(
              "SELECT count(*) FROM audit_entry WHERE action = 'LOGOUT' AND actor = '"
                  + max.email()
                  + "'")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(1);
      }
    }
  }
}
