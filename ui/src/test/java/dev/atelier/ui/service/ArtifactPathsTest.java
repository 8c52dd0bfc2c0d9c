package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactPathsTest {

  @Test
  void proxyRoot_proxiedUri_isThePartAfterTheScheme() {
    assertEquals(
        Optional.of("1/0a1b/artifacts"),
        ArtifactPaths.proxyRoot("mlflow-artifacts:/1/0a1b/artifacts"));
    assertEquals(
        Optional.of("1/0a1b/artifacts"),
        ArtifactPaths.proxyRoot("mlflow-artifacts://127.0.0.1:5000/1/0a1b/artifacts"));
  }

  @Test
  void proxyRoot_localFileUri_isEmptyBecauseTheProxyCannotServeIt() {
    assertTrue(ArtifactPaths.proxyRoot("file:///tmp/mlruns/1/0a1b/artifacts").isEmpty());
  }

  @Test
  void checked_climbingOutOfTheRun_isRefusedNamingThePath() {
    ApiProblem e = assertThrows(ApiProblem.class, () -> ArtifactPaths.checked("samples/../../x"));

    assertEquals(400, e.status());
    assertEquals(
        "path: 'samples/../../x' must be relative, without empty, '.' or '..' segments",
        e.detail());
  }

  @Test
  void sampleStep_readsTheSevenDigitStep() {
    assertEquals(Optional.of(200L), ArtifactPaths.sampleStep("samples/step_0000200.png"));
    assertTrue(ArtifactPaths.sampleStep("samples/real_grid.png").isEmpty());
  }

  @Test
  void encode_escapesEachSegmentButKeepsSlashes() {
    assertEquals("samples/a%20b%23.png", ArtifactPaths.encode("samples/a b#.png"));
  }
}
