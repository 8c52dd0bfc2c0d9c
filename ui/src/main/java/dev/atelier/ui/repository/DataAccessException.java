package dev.atelier.ui.repository;

import java.sql.SQLException;

/** A database call failed; {@link #isUniqueViolation()} tells a duplicate key from an outage. */
public class DataAccessException extends RuntimeException {
  private static final String UNIQUE_VIOLATION = "23505";

  public DataAccessException(String sql, SQLException cause) {
    super("SQL failed (" + cause.getSQLState() + "): " + firstLine(sql), cause);
  }

  public boolean isUniqueViolation() {
    return getCause() instanceof SQLException e && UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  private static String firstLine(String sql) {
    String s = sql.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
