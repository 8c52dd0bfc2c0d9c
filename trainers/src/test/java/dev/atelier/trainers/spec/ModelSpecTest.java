package dev.atelier.trainers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules the conditional and progressive models add to a spec. */
class ModelSpecTest {
  @TempDir Path tmp;

  private String spec(String model, Path data, String extra) {
    return """
        {"trial_id": "t/0", "model": "%s", "dataset": {"path": "%s"%s},
         "output_dir": "%s"}
        """
        .formatted(model, data, extra, tmp.resolve("out"));
  }

  private Path classes(String... names) {
    Path root = tmp.resolve("classes");
    for (String n : names) {
      TestImages.solidFolder(root.resolve(n), 1, 32, Color.RED);
    }
    return root;
  }

  @Test
  void aConditionalModelTakesItsClassesFromSubFolders() throws Exception {
    Path data = classes("cat", "dog");
    TrialSpec s = SpecParser.parse(spec("cdcgan32", data, "")).orThrow();
    assertEquals(ModelKind.CDCGAN32, s.model());
    assertTrue(s.progressive().isEmpty());
  }

  @Test
  void imagesDirectlyInTheFolderOrASingleClassAreRefusedSayingWhatToDo() throws Exception {
    Path one = classes("cat");
    assertEquals(
        List.of(
            "dataset.path: '"
                + one
                + "' has 1 class sub-folder(s) [cat]; a conditional model (cdcgan32) takes its"
                + " classes from sub-folder names: put each class's images in its own sub-folder,"
                + " at least 2 of them"),
        SpecParser.parse(spec("cdcgan32", one, "")).violations());
    Path flat = TestImages.solidFolder(tmp.resolve("flat"), 2, 32, Color.RED);
    assertEquals(
        List.of(
            "dataset.path: '"
                + flat
                + "' holds 2 image(s) directly in the folder (e.g. img0.png); a conditional model"
                + " (cdcgan64) takes its classes from sub-folder names: put each class's images in"
                + " its own sub-folder"),
        SpecParser.parse(spec("cdcgan64", flat, "")).violations());
  }

  @Test
  void proganTakesItsSizeFromTheDatasetAndDefaultsItsSchedule() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 1, 32, Color.RED);
    TrialSpec s = SpecParser.parse(spec("progan", data, ", \"image_size\": 32")).orThrow();
    assertEquals(32, s.dataset().imageSize());
    assertEquals(Optional.of(ProgressiveSpec.DEFAULTS), s.progressive());
    String json =
        spec("progan", data, ", \"image_size\": 128")
            .replace(
                "\"output_dir\"",
                "\"progressive\": {\"start_size\": 16, \"fade_in_images\": 640,"
                    + " \"stabilise_images\": 0}, \"output_dir\"");
    assertEquals(
        Optional.of(new ProgressiveSpec(16, 640, 0)),
        SpecParser.parse(json).orThrow().progressive());
    ParsedSpec defaults = SpecParser.parse(spec("progan", data, ""));
    assertEquals(64, defaults.orThrow().dataset().imageSize());
    // 12,800 + 2 x 25,600 + 12,800 images to 64x64 at batch 64: 1,200 steps; 300 are asked for.
    assertEquals(
        List.of(
            "progressive: the schedule reaches 64x64 fully faded in after 1200 steps of 64"
                + " images, but hyperparams.steps is 300: the trial ends at a lower resolution"),
        defaults.warnings());
  }

  @Test
  void badProgressiveFieldsAreNamedWithValueAndRule() throws Exception {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 1, 32, Color.RED);
    String json =
        spec("progan", data, ", \"image_size\": 48")
            .replace(
                "\"output_dir\"",
                """
                "hyperparams": {"loss": "wgan_gp", "r1_gamma": 1},
                "progressive": {"start_size": 4, "fade_in_images": 0, "stabilise_images": -1,
                                "fade": 3},
                "output_dir\"""");
    assertEquals(
        List.of(
            "dataset.image_size: 48 must be one of [32, 64, 128] for model progan",
            "progressive.fade: is not a known field [start_size, fade_in_images, stabilise_images]",
            "progressive.start_size: 4 is not one of [8, 16]",
            "progressive.fade_in_images: 0 must be >= 1",
            "progressive.stabilise_images: -1 must be >= 0",
            "hyperparams.loss: \"wgan_gp\" is not supported by model progan (no gradient penalty"
                + " through its fading discriminator); use \"bce\" or \"hinge\"",
            "hyperparams.r1_gamma: 1.0 must be 0 for model progan (no gradient penalty through its"
                + " fading discriminator)"),
        SpecParser.parse(json).violations());
    String tooBig =
        spec("progan", data, ", \"image_size\": 32")
            .replace("\"output_dir\"", "\"progressive\": {\"start_size\": 32}, \"output_dir\"");
    assertEquals(
        List.of("progressive.start_size: 32 is not one of [8, 16]"),
        SpecParser.parse(tooBig).violations());
    String notProgan =
        spec("dcgan32", data, "").replace("\"output_dir\"", "\"progressive\": {}, \"output_dir\"");
    assertEquals(
        List.of("progressive: is only for model \"progan\", not \"dcgan32\""),
        SpecParser.parse(notProgan).violations());
  }
}
