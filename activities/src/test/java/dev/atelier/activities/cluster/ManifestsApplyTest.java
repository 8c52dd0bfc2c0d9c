package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a studio applies with {@code kubectl apply -k}: the base and every overlay (Kueue's objects
 * included) pass the real API server's validation and admission (server-side dry run), which the
 * offline schema check in k8s/validate.sh cannot do for Kueue's kinds.
 */
class ManifestsApplyTest {
  private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();

  @Test
  void everyKustomizationAppliesToARealApiServer() throws Exception {
    List<Path> dirs = new ArrayList<>();
    dirs.add(K8S.resolve("base"));
    try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
      overlays.filter(Files::isDirectory).sorted().forEach(dirs::add);
    }
    assertTrue(dirs.size() >= 2, "expected k8s/base and at least one overlay in " + K8S);
    for (Path dir : dirs) {
      Process p =
          new ProcessBuilder(
                  TestCluster.kubectl(),
                  "--kubeconfig",
                  TestCluster.adminKubeconfig(),
                  "apply",
                  "--dry-run=server",
                  "-k",
                  dir.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl apply -k " + dir + " hung");
      assertEquals(
          0,
          p.exitValue(),
          "kubectl apply --dry-run=server -k " + K8S.relativize(dir) + ":\n" + out);
    }
  }
}
