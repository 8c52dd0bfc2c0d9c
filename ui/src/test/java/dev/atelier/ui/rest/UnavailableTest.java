package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/** Which failures are "a service is down" (503) and which stay bugs (500). */
class UnavailableTest {

  @Test
  void mlflowUnreachable_isUnavailable() {
    assertEquals(
        Optional.of("MLflow could not be reached; try again shortly"),
        Unavailable.detail(new MlflowClientException(new ConnectException("refused"))));
  }

  @Test
  void mlflow5xx_isUnavailable_butItsOwn4xxIsNot() {
    assertEquals(
        Optional.of("MLflow answered 503; try again shortly"),
        Unavailable.detail(new MlflowHttpException(503, "down")));
    assertEquals(Optional.empty(), Unavailable.detail(new MlflowHttpException(400, "bad")));
  }

  @Test
  void databaseConnectionFailure_wrapped_isUnavailable() {
    var down = new SQLException("Connection to 10.0.0.5:5432 refused", "08001");
    assertEquals(
        Optional.of("the database could not be reached; try again shortly"),
        Unavailable.detail(new RuntimeException("select 1", down)));
  }

  @Test
  void poolAcquisitionTimeout_isUnavailable() {
    assertEquals(
        Optional.of("the database could not be reached; try again shortly"),
        Unavailable.detail(
            new SQLException("Acquisition timeout while waiting for new connection")));
  }

  @Test
  void aBrokenQuery_staysABug() {
    assertEquals(
        Optional.empty(),
        Unavailable.detail(new SQLException("syntax error at or near \"form\"", "42601")));
    assertEquals(Optional.empty(), Unavailable.detail(new IllegalStateException("bug")));
  }
}
