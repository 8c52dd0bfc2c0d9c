package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer as the platform runs it: a separate JVM. SIGTERM (what Kubernetes sends, and what
 * {@link Process#destroy()} sends on Linux) must leave a complete, resumable checkpoint and exit
 * 75; running the same spec again must finish the trial from there.
 */
class TrainerProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Process start(Path spec) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.atelier.trainers.TrainerMain",
            spec.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("log.txt").toFile())
        .start();
  }

  @Test
  void sigtermCheckpointsEverythingAndExits75AndTheNextRunResumes() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 8, 32, Color.BLUE);
    Path out = tmp.resolve("out");
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"trial_id": "t/0", "model": "dcgan32", "dataset": {"path": "%s"},
         "hyperparams": {"steps": 100000, "batch_size": 8, "latent_dim": 8, "g_width": 4,
                         "d_width": 4},
         "sample_every": 1000, "threads": 1, "output_dir": "%s"}
        """
            .formatted(data, out));
    Process p = start(spec);
    Path progress = out.resolve("progress.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!(Files.exists(progress) && JSON.readTree(progress.toFile()).path("step").asInt() > 0)) {
      assertTrue(p.isAlive(), () -> "trainer exited early: " + log());
      assertTrue(System.nanoTime() < deadline, () -> "no progress: " + log());
      Thread.sleep(200);
    }
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the trainer did not stop");
    assertEquals(75, p.exitValue(), this::log);

    JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
    assertEquals("INTERRUPTED", result.get("status").asText());
    int stoppedAt = result.get("last_step").asInt();
    Path ckpt = out.resolve("checkpoints/final");
    for (String f :
        List.of(
            "generator-0000.params",
            "generator_raw-0000.params",
            "discriminator-0000.params",
            "optimizer_generator.safetensors",
            "optimizer_discriminator.safetensors")) {
      assertTrue(Files.isRegularFile(ckpt.resolve(f)), f);
    }
    JsonNode desc = JSON.readTree(ckpt.resolve("checkpoint.json").toFile());
    assertEquals(stoppedAt, desc.get("step").asInt());
    assertEquals(stoppedAt, desc.get("generator_updates").asInt());

    // The same spec with a reachable step budget: it resumes and finishes.
    Files.writeString(
        spec, Files.readString(spec).replace("100000", Integer.toString(stoppedAt + 2)));
    Process again = start(spec);
    assertTrue(again.waitFor(90, TimeUnit.SECONDS));
    assertEquals(0, again.exitValue(), this::log);
    assertTrue(log().contains("resuming from " + ckpt + " at step " + stoppedAt), this::log);
    assertEquals(
        stoppedAt + 2, JSON.readTree(out.resolve("result.json").toFile()).get("last_step").asInt());
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("log.txt"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
