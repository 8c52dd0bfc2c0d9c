package dev.atelier.activities.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.activities.Services;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;

/** Against the real MLflow server; a model name of its own so reruns and the demo never mix. */
class MlflowRegistryClientIntegrationTest {
  private final MlflowClient mlflow = Services.mlflow();
  private final MlflowRegistry registry = new MlflowRegistryClient(mlflow);
  private final String model = "test_activities_" + UUID.randomUUID().toString().substring(0, 8);

  private String newRun() {
    String experiment = MlflowRuns.experimentId(mlflow, "atelier/test_activities_registry");
    return mlflow.createRun(experiment).getRunId();
  }

  @Test
  void alias_modelNeverPromoted_empty() {
    assertEquals(Optional.empty(), registry.alias(model, "champion"));
  }

  @Test
  void promote_twice_aliasMovesToVersionTwo() {
    String first = newRun();
    String second = newRun();

    String v1 = registry.promote(model, first, "checkpoints/final", "champion");
    assertEquals(
        Optional.of(new MlflowRegistry.AliasTarget("1", first)), registry.alias(model, "champion"));

    String v2 = registry.promote(model, second, "checkpoints/final", "champion");

    assertEquals("1", v1);
    assertEquals("2", v2);
    assertEquals(
        Optional.of(new MlflowRegistry.AliasTarget("2", second)),
        registry.alias(model, "champion"));
    String source = mlflow.getModelVersion(model, "2").getSource();
    assertEquals(mlflow.getRun(second).getInfo().getArtifactUri() + "/checkpoints/final", source);
  }
}
