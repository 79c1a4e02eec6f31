package io.breachdrill.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure caused by the database being away (restarting, unreachable, refusing connections)
 * from a fault of ours: the first is answered 503, to try again shortly, not 500 with an incident.
 */
public final class DatabaseAway {

  private DatabaseAway() {}

  public static boolean causes(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof JDBCConnectionException || e instanceof SQLTransientConnectionException) {
        return true;
      }
      if (e instanceof SQLException sql && away(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean away(SQLException e) {
    String state = e.getSQLState();
    // 08: connection exceptions; 57P01-57P03: the server shutting down or not accepting yet. The
    // pool reports an acquisition time-out without a state when it could open no connection.
    return state != null && (state.startsWith("08") || state.startsWith("57P"))
        || state == null
            && e.getMessage() != null
            && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
  }
}
