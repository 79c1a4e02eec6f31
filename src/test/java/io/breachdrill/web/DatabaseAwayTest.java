package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseAwayTest {

  @Test
  void connectionFailuresAnywhereInTheChainAreTheDatabaseBeingAway() {
    assertThat(
            DatabaseAway.causes(
                new PersistenceException(
                    "could not prepare", new SQLException("Connection refused", "08001"))))
        .isTrue();
    assertThat(DatabaseAway.causes(new SQLException("terminating connection", "57P01"))).isTrue();
    assertThat(
            DatabaseAway.causes(
                new RuntimeException(
                    new JDBCConnectionException("lost", new SQLException("I/O error")))))
        .isTrue();
    assertThat(DatabaseAway.causes(new SQLException("Sorry, acquisition timeout!"))).isTrue();
  }

  @Test
  void ourOwnFaultsAndDataErrorsAreNot() {
    assertThat(DatabaseAway.causes(new IllegalStateException("a bug"))).isFalse();
    assertThat(
            DatabaseAway.causes(
                new PersistenceException(
                    "duplicate", new SQLException("unique violation", "23505"))))
        .isFalse();
    assertThat(DatabaseAway.causes(new SQLException("no state"))).isFalse();
  }
}
