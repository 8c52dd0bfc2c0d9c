package dev.atelier.trainers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
  @TempDir Path tmp;

  private String valid(Path data) {
    return """
        {"trial_id": "sweep/run/train/0", "model": "dcgan32",
         "dataset": {"path": "%s"},
         "output_dir": "%s"}
        """
        .formatted(data, tmp.resolve("out"));
  }

  @Test
  void minimalSpecTakesTheDocumentedDefaults() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    TrialSpec spec = SpecParser.parse(valid(data)).orThrow();
    assertEquals(Hyperparams.DEFAULTS, spec.hyperparams());
    assertEquals(new DatasetSpec(data, 32, 0xffffff), spec.dataset());
    assertEquals(new ProbeSpec(1234, 64), spec.probe());
    assertEquals(100, spec.sampleEvery());
    assertTrue(spec.threads().isEmpty());
    assertTrue(spec.mlflow().isEmpty());
  }

  @Test
  void everyBadFieldIsReportedAtOnceNamingFieldValueAndRule() {
    String json =
        """
        {"trial_id": "t", "model": "foo",
         "dataset": {"path": "/no/such/dir", "background": "white"},
         "hyperparams": {"lr": "abc", "batch_size": 0, "beta1": 1.0, "steps": 2.5, "lr2": 0.1},
         "probe": {"count": 65},
         "sample_every": 0,
         "output_dir": "relative/out",
         "mlflow": {"tracking_uri": "file:/tmp/mlruns", "run_id": "abc123"}}
        """;
    ParsedSpec parsed = SpecParser.parse(json);
    assertEquals(
        List.of(
            "model: \"foo\" is not one of [dcgan32, dcgan64, dcgan128, cdcgan32, cdcgan64,"
                + " cdcgan128, progan, r3gan, stylegan2, srgan4x]",
            "dataset.path: '/no/such/dir' does not exist",
            "dataset.background: \"white\" is not a colour like \"#ffffff\"",
            "hyperparams.lr2: is not a known hyperparameter "
                + "[lr, lr_g, lr_d, beta1, beta2, latent_dim, batch_size, steps, g_width, d_width,"
                + " loss, gp_weight, r1_gamma, r2_gamma, ema_decay, blocks_per_stage, group_channels,"
                + " w_dim, mapping_layers, style_mixing, r1_interval, pl_weight, pl_interval]",
            "hyperparams.lr: \"abc\" is not a number",
            "hyperparams.beta1: 1.0 must be < 1",
            "hyperparams.batch_size: 0 must be >= 1",
            "hyperparams.steps: 2.5 is not an integer",
            "probe.count: 65 must be <= 64",
            "sample_every: 0 must be >= 1",
            "output_dir: 'relative/out' must be an absolute path",
            "mlflow.tracking_uri: 'file:/tmp/mlruns' must be an http:// or https:// URI"),
        parsed.violations());
    assertTrue(parsed.spec().isEmpty());
  }

  @Test
  void lossesPenaltiesAndSeparateLearningRatesAreRead() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String json =
        valid(data)
            .replace(
                "\"output_dir\"",
                """
                "hyperparams": {"lr_g": 0.0001, "lr_d": 0.0004, "beta2": 0.99, "loss": "wgan_gp",
                                "gp_weight": 5, "r1_gamma": 0.1, "ema_decay": 0.99},
                "output_dir\"""");
    Hyperparams hp = SpecParser.parse(json).orThrow().hyperparams();
    assertEquals(0.0001, hp.lrG());
    assertEquals(0.0004, hp.lrD());
    assertEquals(0.99, hp.beta2());
    assertEquals(LossKind.WGAN_GP, hp.loss());
    assertEquals(5, hp.gpWeight());
    assertEquals(0.1, hp.r1Gamma());
    assertEquals(0.99, hp.emaDecay());
    assertTrue(hp.gradientPenalty());
    assertTrue(!hp.asSpecMap().containsKey("lr"), "lr is not a param when the two rates differ");
  }

  @Test
  void lrSetsBothRatesAndAgreeingFormsAreAccepted() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String json =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"hyperparams\": {\"lr\": 0.001, \"lr_d\": 0.001}, \"output_dir\"");
    Hyperparams hp = SpecParser.parse(json).orThrow().hyperparams();
    assertEquals(0.001, hp.lrG());
    assertEquals(0.001, hp.lrD());
    assertEquals(0.001, hp.asSpecMap().get("lr"));
    assertEquals(LossKind.BCE, hp.loss());
    assertEquals(0.999, hp.emaDecay());
  }

  @Test
  void conflictingLearningRatesAndBadLossFieldsAreEachNamed() {
    String json =
        """
        {"trial_id": "t", "model": "dcgan32", "dataset": {"path": "/no/such/dir"},
         "hyperparams": {"lr": 0.001, "lr_g": 0.002, "loss": "lsgan", "gp_weight": 0,
                         "r1_gamma": -1, "ema_decay": 1, "beta2": 1.5},
         "output_dir": "/tmp/x"}
        """;
    assertEquals(
        List.of(
            "dataset.path: '/no/such/dir' does not exist",
            "hyperparams.lr_g: 0.002 conflicts with hyperparams.lr 0.001"
                + " (lr sets both networks: give lr, or lr_g and lr_d)",
            "hyperparams.beta2: 1.5 must be < 1",
            "hyperparams.loss: \"lsgan\" is not one of [bce, hinge, wgan_gp, rpgan]",
            "hyperparams.gp_weight: 0 must be > 0",
            "hyperparams.r1_gamma: -1 must be >= 0",
            "hyperparams.ema_decay: 1 must be < 1"),
        SpecParser.parse(json).violations());
  }

  @Test
  void aPenaltyWeightWithoutItsLossIsAWarning() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String json =
        valid(data)
            .replace("\"output_dir\"", "\"hyperparams\": {\"gp_weight\": 5}, \"output_dir\"");
    ParsedSpec parsed = SpecParser.parse(json);
    assertTrue(parsed.spec().isPresent());
    assertEquals(
        List.of("hyperparams.gp_weight: 5 has no effect unless loss is \"wgan_gp\""),
        parsed.warnings());
  }

  @Test
  void augmentationIsReadAndItsMistakesNamed() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String good =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"augment\": {\"mirror\": true, \"diffaug\": [\"cutout\", \"color\"]},"
                    + " \"output_dir\"");
    assertEquals(
        new AugmentSpec(true, List.of(AugmentSpec.DiffAug.CUTOUT, AugmentSpec.DiffAug.COLOR)),
        SpecParser.parse(good).orThrow().augment());
    assertEquals(AugmentSpec.NONE, SpecParser.parse(valid(data)).orThrow().augment());
    String bad =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"augment\": {\"mirror\": \"yes\", \"flip\": true,"
                    + " \"diffaug\": [\"color\", \"zoom\", \"color\"]}, \"output_dir\"");
    assertEquals(
        List.of(
            "augment.flip: is not a known field [mirror, diffaug, ada]",
            "augment.mirror: \"yes\" is not true or false",
            "augment.diffaug: \"zoom\" is not one of [color, translation, cutout]",
            "augment.diffaug: \"color\" is listed twice"),
        SpecParser.parse(bad).violations());
  }

  @Test
  void adaptiveAugmentationIsReadWithItsDefaultsAndItsMistakesNamed() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String on =
        valid(data).replace("\"output_dir\"", "\"augment\": {\"ada\": true}, \"output_dir\"");
    assertEquals(
        java.util.Optional.of(AdaSpec.DEFAULTS), SpecParser.parse(on).orThrow().augment().ada());
    assertEquals(new AdaSpec(0.6, 4, 500, 0), AdaSpec.DEFAULTS);
    String some =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"augment\": {\"ada\": {\"target\": 0.5, \"kimg\": 100}}, \"output_dir\"");
    assertEquals(
        java.util.Optional.of(new AdaSpec(0.5, 4, 100, 0)),
        SpecParser.parse(some).orThrow().augment().ada());
    String bad =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"augment\": {\"diffaug\": [\"color\"], \"ada\": {\"target\": 1,"
                    + " \"interval\": 0, \"kimg\": -5, \"p\": 2, \"speed\": 1}},"
                    + " \"output_dir\"");
    assertEquals(
        List.of(
            "augment.ada.speed: is not a known field [target, interval, kimg, p]",
            "augment.ada.target: 1 must be < 1",
            "augment.ada.interval: 0 must be >= 1",
            "augment.ada.kimg: -5 must be > 0",
            "augment.ada.p: 2 must be <= 1",
            "augment.ada: cannot be combined with augment.diffaug [color] (both augment every"
                + " image D sees: pick one)"),
        SpecParser.parse(bad).violations());
    String notAnObject =
        valid(data).replace("\"output_dir\"", "\"augment\": {\"ada\": 0.6}, \"output_dir\"");
    assertEquals(
        List.of("augment.ada: 0.6 is not true, false or an object like {\"target\": 0.6}"),
        SpecParser.parse(notAnObject).violations());
  }

  @Test
  void divergenceSettingsAreReadAndCheckedAtOnce() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    String good =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"divergence\": {\"d_loss_floor\": 0.001, \"window\": 50}, \"output_dir\"");
    assertEquals(new DivergenceSpec(0.001, 50), SpecParser.parse(good).orThrow().divergence());
    assertEquals(DivergenceSpec.DEFAULTS, SpecParser.parse(valid(data)).orThrow().divergence());
    String bad =
        valid(data)
            .replace(
                "\"output_dir\"",
                "\"divergence\": {\"d_loss_floor\": -1, \"window\": 0, \"patience\": 3},"
                    + " \"output_dir\"");
    assertEquals(
        List.of(
            "divergence.patience: is not a known field [d_loss_floor, window]",
            "divergence.d_loss_floor: -1 must be >= 0",
            "divergence.window: 0 must be >= 1"),
        SpecParser.parse(bad).violations());
  }

  @Test
  void checkpointSettingsAreReadAndARankingThatLagsIsAWarning() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    ParsedSpec parsed =
        SpecParser.parse(
            valid(data)
                .replace(
                    "\"output_dir\"",
                    "\"checkpoint_every\": 250, \"keep_last\": 2, \"keep_best_by\": \"kid_rgb8\","
                        + " \"output_dir\""));
    assertEquals(new CheckpointSpec(250, 2, "kid_rgb8"), parsed.orThrow().checkpoints());
    assertEquals(
        List.of(
            "checkpoint_every: 250 is not a multiple of sample_every 100: a step checkpoint is"
                + " ranked by the last kid_rgb8 measured before it"),
        parsed.warnings());
    // The default ranks by the quality feature space's FD; with quality off, fd_diag_rgb8.
    assertEquals(
        new CheckpointSpec(500, 3, "fd_rgb8"),
        SpecParser.parse(valid(data)).orThrow().checkpoints());
    assertEquals(
        CheckpointSpec.DEFAULTS,
        SpecParser.parse(
                valid(data)
                    .replace("\"output_dir\"", "\"quality\": {\"enabled\": false}, \"output_dir\""))
            .orThrow()
            .checkpoints());
    assertEquals(
        List.of(
            "checkpoint_every: 0 must be >= 1",
            "keep_last: 0 must be >= 1",
            "keep_best_by: \"\" must not be empty"),
        SpecParser.parse(
                valid(data)
                    .replace(
                        "\"output_dir\"",
                        "\"checkpoint_every\": 0, \"keep_last\": 0, \"keep_best_by\": \"\","
                            + " \"output_dir\""))
            .violations());
  }

  @Test
  void qualityIsReadAndItsMistakesAndAnUnrankableKeepBestByAreNamedWithTheRest() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    TrialSpec spec =
        SpecParser.parse(
                valid(data)
                    .replace(
                        "\"output_dir\"",
                        "\"sample_every\": 50, \"quality\": {\"every\": 200, \"samples\": 64,"
                            + " \"neighbours\": 2, \"collapse_threshold\": 0.25},"
                            + " \"output_dir\""))
            .orThrow();
    assertEquals(200, spec.quality().every());
    assertEquals(64, spec.quality().options().samples());
    assertEquals(2, spec.quality().options().neighbours());
    assertEquals(0.25, spec.quality().options().collapseThreshold());
    assertEquals(
        50,
        SpecParser.parse(
                valid(data).replace("\"output_dir\"", "\"sample_every\": 50, \"output_dir\""))
            .orThrow()
            .quality()
            .every());
    assertEquals(
        List.of(
            "quality.every: 120 must be a multiple of sample_every (100): quality is measured at"
                + " sample steps",
            "quality.neighbours: 0 must be in 1..16",
            "quality.extractor.path: '/no/such/model.pt' is not a file",
            "keep_best_by: \"fid\" is not one of the metrics this trial logs where lower is"
                + " better [fd_diag_rgb8, fd_rgb8, kid_rgb8]"),
        SpecParser.parse(
                valid(data)
                    .replace(
                        "\"output_dir\"",
                        "\"keep_best_by\": \"fid\", \"quality\": {\"every\": 120, \"neighbours\": 0,"
                            + " \"extractor\": {\"path\": \"/no/such/model.pt\"}},"
                            + " \"output_dir\""))
            .violations());
  }

  @Test
  void missingRequiredFieldsAreEachNamed() {
    ParsedSpec parsed = SpecParser.parse("{\"hyperparams\": {\"lr\": 0}}");
    assertEquals(
        List.of(
            "trial_id: is required",
            "model: is required",
            "dataset: is required",
            "hyperparams.lr: 0 must be > 0",
            "output_dir: is required"),
        parsed.violations());
  }

  @Test
  void aFolderWithoutImagesIsABadDataset() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no images here");
    ParsedSpec parsed = SpecParser.parse(valid(empty));
    assertEquals(
        List.of("dataset.path: '" + empty + "' holds no images (*.png, *.jpg, *.jpeg)"),
        parsed.violations());
  }

  @Test
  void anExcludeFileIsReadLineByLine_oneThatIsNotThereIsNamed() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 2, 32, Color.RED);
    Path list = Files.writeString(tmp.resolve("exclude.txt"), "# duplicates\n\n a/b.png \nc.png\n");
    String json = valid(data).replace("\"path\"", "\"exclude_file\": \"" + list + "\", \"path\"");
    assertEquals(Set.of("a/b.png", "c.png"), SpecParser.parse(json).orThrow().dataset().exclude());

    Path missing = tmp.resolve("nope.txt");
    String bad = valid(data).replace("\"path\"", "\"exclude_file\": \"" + missing + "\", \"path\"");
    assertEquals(
        List.of("dataset.exclude_file: '" + missing + "' is not a file"),
        SpecParser.parse(bad).violations());
  }

  @Test
  void imageSizeMustMatchTheModel() {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 1, 32, Color.RED);
    String json = valid(data).replace("\"path\"", "\"image_size\": 64, \"path\"");
    assertEquals(
        List.of("dataset.image_size: 64 must be 32 for model dcgan32"),
        SpecParser.parse(json).violations());
  }

  @Test
  void drainSecondsIsHowLongTheEndWaitsForUploads_outOfRangeNamesFieldValueAndRule() {
    ParsedSpec ok =
        SpecParser.parse(
            """
            {"model": "dcgan32", "output_dir": "/tmp/x",
             "mlflow": {"tracking_uri": "http://127.0.0.1:5000", "drain_seconds": 30}}
            """);
    assertEquals(java.time.Duration.ofSeconds(30), ok.mlflow().orElseThrow().drainWait());
    ParsedSpec bad =
        SpecParser.parse(
            """
            {"model": "dcgan32", "output_dir": "/tmp/x",
             "mlflow": {"tracking_uri": "http://127.0.0.1:5000", "drain_seconds": -1}}
            """);
    assertTrue(
        bad.violations().contains("mlflow.drain_seconds: -1 must be >= 0"),
        bad.violations().toString());
  }

  @Test
  void theRunToReportToSurvivesOtherViolations() {
    String json =
        """
        {"model": "dcgan32", "output_dir": "/tmp/x",
         "mlflow": {"tracking_uri": "http://127.0.0.1:5000/", "run_id": "r1"}}
        """;
    ParsedSpec parsed = SpecParser.parse(json);
    assertEquals(
        new MlflowSpec(
            "http://127.0.0.1:5000", java.util.Optional.of("r1"), java.util.Optional.empty()),
        parsed.mlflow().orElseThrow());
    assertEquals(Path.of("/tmp/x"), parsed.outputDir().orElseThrow());
  }

  @Test
  void malformedJsonIsABadSpec() {
    assertTrue(
        SpecParser.parse("{\"trial_id\": ").violations().get(0).startsWith("spec: not valid JSON"));
  }
}
