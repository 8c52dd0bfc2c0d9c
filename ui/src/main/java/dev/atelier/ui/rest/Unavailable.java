package dev.atelier.ui.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Which failures mean "a service the app needs is down, try again" rather than a bug: MLflow that
 * cannot be reached or answers 5xx (the MLflow Java client's {@code MlflowClientException}), and a
 * database that cannot be reached or gives no connection in time (a JDBC {@code SQLException} of
 * SQLState class 08, 53 or 57, or a transient one such as Agroal's acquisition timeout). The detail
 * names the service only, never its address.
 */
final class Unavailable {
  private Unavailable() {}

  /** The detail of a 503 for {@code e}, or empty when {@code e} is some other failure. */
  static Optional<String> detail(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MlflowHttpException h) {
        return h.getStatusCode() >= 500
            ? Optional.of("MLflow answered " + h.getStatusCode() + "; try again shortly")
            : Optional.empty();
      }
      if (t instanceof MlflowClientException && t.getCause() instanceof IOException) {
        return Optional.of("MLflow could not be reached; try again shortly");
      }
      if (t instanceof SQLException s && databaseDown(s)) {
        return Optional.of("the database could not be reached; try again shortly");
      }
    }
    return Optional.empty();
  }

  private static boolean databaseDown(SQLException s) {
    String state = s.getSQLState();
    if (s instanceof SQLTransientException) {
      return true;
    }
    if (state == null) {
      // Agroal's "Acquisition timeout while waiting for new connection" has no SQLState.
      return String.valueOf(s.getMessage()).toLowerCase().contains("acquisition timeout");
    }
    return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
  }
}
