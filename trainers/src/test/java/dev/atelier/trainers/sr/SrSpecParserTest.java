package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TrialRunner;
import dev.atelier.trainers.spec.ContentLoss;
import dev.atelier.trainers.spec.DivergenceSpec;
import dev.atelier.trainers.spec.SrParsedSpec;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrSpecParserTest {
  @TempDir Path tmp;

  private String spec(String dataset, String hyperparams, String extra) throws Exception {
    return """
        {"trial_id": "t", "model": "srgan4x", "dataset": %s, "hyperparams": %s,
         "output_dir": "%s" %s}
        """
        .formatted(dataset, hyperparams, tmp.resolve("out"), extra);
  }

  private Path images() throws Exception {
    return SmoothImages.folder(tmp.resolve("img"), 2, 16, 1);
  }

  @Test
  void defaultsAndGivenValues() throws Exception {
    SrParsedSpec p =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\"}",
                "{\"residual_blocks\": 3, \"adversarial_weight\": 0.01, \"content_loss\": \"mse\"}",
                ", \"keep_best_by\": \"psnr\""));
    assertEquals(List.of(), p.violations());
    SrTrialSpec s = p.spec().orElseThrow();
    assertEquals(64, s.dataset().imageSize());
    assertEquals(16, s.lowResSize());
    assertEquals(3, s.hyperparams().residualBlocks());
    assertEquals(0.01, s.hyperparams().adversarialWeight());
    assertEquals(ContentLoss.MSE, s.hyperparams().contentLoss());
    assertEquals(16, s.probe().count());
    assertEquals(List.of(), p.warnings());
    assertEquals("psnr", s.keepBestBy());
    assertEquals(0.999, s.hyperparams().emaDecay());
    assertTrue(s.quality().enabled());
    assertEquals("patch4", s.quality().space());
    assertEquals(100, s.quality().every());
    assertEquals(DivergenceSpec.DEFAULTS, s.divergence());
  }

  @Test
  void theGansEmaQualityKeepBestByAndDivergenceFieldsApply() throws Exception {
    SrParsedSpec p =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\", \"image_size\": 16}",
                "{\"ema_decay\": 0}",
                ", \"sample_every\": 50, \"keep_best_by\": \"kid_patch4\","
                    + " \"divergence\": {\"d_loss_floor\": 0.001, \"window\": 7},"
                    + " \"quality\": {\"every\": 100, \"kid_subsets\": 10, \"samples\": 64,"
                    + " \"walk_frames\": 4}"));
    assertEquals(List.of(), p.violations());
    SrTrialSpec s = p.spec().orElseThrow();
    assertEquals(0.0, s.hyperparams().emaDecay());
    assertEquals("kid_patch4", s.keepBestBy());
    assertEquals(new DivergenceSpec(0.001, 7), s.divergence());
    assertEquals(100, s.quality().every());
    assertEquals(10, s.quality().options().kidSubsets());
    assertEquals(
        List.of(
            "quality.samples: has no effect for model srgan4x (FD and KID compare the probe"
                + " images' SR outputs with their ground truth; probe.count sets how many),"
                + " ignored",
            "quality.walk_frames: has no effect for model srgan4x (FD and KID compare the probe"
                + " images' SR outputs with their ground truth; probe.count sets how many),"
                + " ignored"),
        p.warnings());
  }

  @Test
  void keepBestByEmaDecayDivergenceAndQualityViolationsNameFieldValueAndRule() throws Exception {
    SrParsedSpec p =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\"}",
                "{\"ema_decay\": 1}",
                ", \"keep_best_by\": \"loss_g\", \"divergence\": {\"window\": 0},"
                    + " \"quality\": {\"every\": 150}"));
    assertEquals(
        List.of(
            "hyperparams.ema_decay: 1 must be < 1",
            "divergence.window: 0 must be >= 1",
            "quality.every: 150 must be a multiple of sample_every (100): quality is measured at"
                + " sample steps",
            "keep_best_by: \"loss_g\" is not one of the metrics srgan4x logs at sample steps"
                + " (psnr: higher is better; the others: lower) [psnr, fd_patch4, kid_patch4]"),
        p.violations());
    SrParsedSpec off =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\"}",
                "{}",
                ", \"keep_best_by\": \"fd_patch4\", \"quality\": {\"enabled\": false}"));
    assertEquals(
        List.of(
            "keep_best_by: \"fd_patch4\" is not one of the metrics srgan4x logs at sample steps"
                + " (psnr: higher is better; the others: lower) [psnr]"),
        off.violations());
    SrParsedSpec oneProbe =
        SrSpecParser.parse(
            spec("{\"path\": \"" + images() + "\"}", "{}", ", \"probe\": {\"count\": 1}"));
    assertEquals(
        List.of(
            "probe.count: 1 must be >= 2 while quality is on (FD and KID compare the probe"
                + " images' SR outputs with their ground truth; \"quality\": {\"enabled\":"
                + " false} turns quality off)"),
        oneProbe.violations());
  }

  @Test
  void everyViolationNamesFieldValueAndRule() throws Exception {
    SrParsedSpec p =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\", \"image_size\": 30}",
                "{\"latent_dim\": 8, \"content_loss\": \"l3\", \"residual_blocks\": -1}",
                ", \"augment\": {\"diffaug\": [\"color\"], \"ada\": true}"));
    assertEquals(
        List.of(
            "dataset.image_size: 30 must be a multiple of 4 from 8 to 1024 for model srgan4x (the"
                + " ground-truth size; inputs are a quarter of it)",
            "hyperparams.latent_dim: is not a hyperparameter of srgan4x "
                + SrSpecParser.HYPERPARAMS,
            "hyperparams.residual_blocks: -1 must be >= 0",
            "hyperparams.content_loss: \"l3\" is not one of [l1, mse]",
            "augment.diffaug: is not supported by model srgan4x (only augment.mirror is)",
            "augment.ada: is not supported by model srgan4x (only augment.mirror is)"),
        p.violations());
  }

  @Test
  void aFeatureContentLossNeedsAnAbsoluteTorchScriptFile() throws Exception {
    SrParsedSpec p =
        SrSpecParser.parse(
            spec(
                "{\"path\": \"" + images() + "\"}",
                "{}",
                ", \"content_features\": {\"path\": \"vgg.pt\", \"input_range\": \"bgr\","
                    + " \"layer\": 3}"));
    assertEquals(
        List.of(
            "content_features.layer: is not a known field [path, weight, input_range]",
            "content_features.path: 'vgg.pt' must be an absolute path",
            "content_features.input_range: \"bgr\" is not one of [minus_one_one, zero_one,"
                + " imagenet]"),
        p.violations());
    Path net = Path.of("src/test/resources/quality/tiny_features.pt").toAbsolutePath();
    SrTrialSpec s =
        SrSpecParser.parse(
                spec(
                    "{\"path\": \"" + images() + "\"}",
                    "{}",
                    ", \"content_features\": {\"path\": \"" + net + "\", \"weight\": 0.1}"))
            .spec()
            .orElseThrow();
    assertEquals(0.1, s.contentFeatures().orElseThrow().weight());
  }

  @Test
  void theTrainerCliReportsABadSrSpecWithExitCode2() throws Exception {
    Path file = tmp.resolve("spec.json");
    Files.writeString(file, spec("{\"path\": \"/no/such\"}", "{\"steps\": 0}", ""));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new TrialRunner(
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new StopSignal())
            .run(file);
    assertEquals(2, code);
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("dataset.path: '/no/such' does not exist"), e);
    assertTrue(e.contains("hyperparams.steps: 0 must be >= 1"), e);
    assertTrue(Files.readString(tmp.resolve("out/result.json")).contains("BAD_SPEC"));
  }
}
