package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.ContentLoss;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrParsedSpec;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.workflows.activities.TrialRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code emoji_srgan_sweep} trial's arguments, as the sweep hands them to the launcher, become a
 * spec the trainer's own {@code srgan4x} parser accepts without a violation or a warning: no GAN
 * default (latents, a 64-image probe grid) leaks into it.
 */
class TrainerSpecSrTest {
  @TempDir Path dir;

  @Test
  void of_srSweepArguments_specTheRealSrParserAccepts() throws Exception {
    Path images = Files.createDirectories(dir.resolve("emoji"));
    ImageIO.write(
        new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB),
        "png",
        images.resolve("a.png").toFile());
    Path judge = Files.writeString(dir.resolve("vgg.pt"), "a TorchScript file stands here");

    Map<String, Object> args = new LinkedHashMap<>();
    args.put("model", "srgan4x");
    args.put("steps", 300.0); // counts cross Temporal as doubles
    args.put("batch_size", 16);
    args.put("g_width", 32);
    args.put("d_width", 32);
    args.put("residual_blocks", 4);
    args.put("content_loss", "mse");
    args.put("content_only_steps", 100);
    args.put("sample_every", 100);
    args.put("image_size", 32);
    args.put("probe_seed", 1234);
    args.put("max_parallel_trials", 2);
    args.put("gpus", 0);
    args.put("lr", 0.0002);
    args.put("adversarial_weight", 0.001);
    args.put("content_features_path", judge.toString());
    args.put("content_features_weight", 0.006);
    args.put("content_features_input_range", "imagenet");
    TrialRequest request =
        new TrialRequest(
            "emoji_srgan_sweep",
            "manual__2026-11-22T10:00:00",
            "train",
            3,
            "atelier/emoji_srgan_sweep",
            "parent123",
            args,
            Map.of("path", images.toString(), "image_count", 1, "image_size", 32),
            1234,
            0,
            Map.of());

    Map<String, Object> spec =
        TrainerSpec.of(
            request, "run42", dir.resolve("out"), "http://127.0.0.1:5000", OptionalInt.of(1));
    String json = new ObjectMapper().writeValueAsString(spec);

    assertEquals(
        Map.of("path", judge.toString(), "weight", 0.006, "input_range", "imagenet"),
        spec.get("content_features"),
        json);
    assertEquals(Map.of("seed", 1234L, "count", 16), spec.get("probe"), json);

    SrParsedSpec parsed = SrSpecParser.parse(json);
    assertEquals(java.util.List.of(), parsed.violations(), json);
    assertEquals(java.util.List.of(), parsed.warnings(), json);
    SrTrialSpec sr = parsed.spec().orElseThrow();
    assertEquals("emoji_srgan_sweep/manual__2026-11-22T10:00:00/train/3", sr.trialId());
    assertEquals(32, sr.dataset().imageSize());
    assertEquals(8, sr.lowResSize());
    assertEquals(
        new SrHyperparams(
            0.0002, 0.0002, 0.9, 0.999, 16, 300, 32, 32, 4, 0.001, ContentLoss.MSE, 100),
        sr.hyperparams());
    assertEquals(16, sr.probe().count());
    assertEquals(100, sr.sampleEvery());
    assertTrue(sr.contentFeatures().isPresent(), json);
    assertEquals(judge, sr.contentFeatures().get().path());
    assertEquals("run42", sr.mlflow().orElseThrow().runId().orElseThrow());
  }
}
