package dev.atelier.ui;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * The {@code @QuarkusTest}s run against the real PostgreSQL, Temporal and MLflow that {@code
 * ./atelier test} starts. Without their addresses the app would quietly try default ports and fail
 * with a connection error far from the cause; this says what is missing before the app starts.
 */
public class RequiredServices implements QuarkusTestResourceLifecycleManager {
  static final List<String> VARIABLES =
      List.of("ATELIER_DB_URL", "ATELIER_TEMPORAL_TARGET", "ATELIER_MLFLOW_URI");

  @Override
  public Map<String, String> start() {
    List<String> missing =
        VARIABLES.stream()
            .filter(v -> System.getenv(v) == null || System.getenv(v).isBlank())
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Integration tests need the real services; "
              + String.join(", ", missing)
              + " not set. Run them through ./atelier test (it starts PostgreSQL, Temporal and"
              + " MLflow and exports these variables).");
    }
    return Map.of();
  }

  @Override
  public void stop() {}
}
