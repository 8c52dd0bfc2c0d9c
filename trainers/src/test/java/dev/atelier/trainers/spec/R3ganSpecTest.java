package dev.atelier.trainers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What r3gan and the rpgan loss add to a spec: defaults by model, and every rule named. */
class R3ganSpecTest {
  @TempDir Path tmp;

  private String spec(String model, String dataset, String hyperparams) {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 1, 32, Color.RED);
    return """
        {"trial_id": "t/0", "model": "%s", "dataset": {"path": "%s"%s},
         "hyperparams": {%s}, "output_dir": "%s"}
        """
        .formatted(model, data, dataset, hyperparams, tmp.resolve("out"));
  }

  private List<String> violations(String model, String dataset, String hyperparams) {
    return SpecParser.parse(spec(model, dataset, hyperparams)).violations();
  }

  @Test
  void r3ganDefaultsToR3gansObjectiveOptimiserAndShape() throws Exception {
    Hyperparams hp = SpecParser.parse(spec("r3gan", "", "")).orThrow().hyperparams();
    assertEquals(LossKind.RPGAN, hp.loss());
    assertEquals(Hyperparams.RPGAN_GAMMA, hp.r1Gamma());
    assertEquals(Hyperparams.RPGAN_GAMMA, hp.r2Gamma());
    assertEquals(0, hp.beta1());
    assertEquals(0.99, hp.beta2());
    assertEquals(2, hp.blocksPerStage());
    assertEquals(16, hp.groupChannels());
    assertEquals(32, SpecParser.parse(spec("r3gan", "", "")).orThrow().dataset().imageSize());
    TrialSpec big = SpecParser.parse(spec("r3gan", ", \"image_size\": 256", "")).orThrow();
    assertEquals(256, big.dataset().imageSize());
  }

  @Test
  void rpganOnAnotherFamilyPenalisesBothSidesWithOneGammaUnlessToldOtherwise() throws Exception {
    Hyperparams hp =
        SpecParser.parse(spec("dcgan32", "", "\"loss\": \"rpgan\", \"r1_gamma\": 2"))
            .orThrow()
            .hyperparams();
    assertEquals(2, hp.r1Gamma());
    assertEquals(2, hp.r2Gamma());
    assertEquals(0.5, hp.beta1());
    assertTrue(hp.gradientPenalty());
    Hyperparams own =
        SpecParser.parse(spec("dcgan32", "", "\"loss\": \"rpgan\", \"r2_gamma\": 0"))
            .orThrow()
            .hyperparams();
    assertEquals(Hyperparams.RPGAN_GAMMA, own.r1Gamma());
    assertEquals(0, own.r2Gamma());
    // Other losses keep their old defaults: no penalty, and no r2_gamma param.
    Hyperparams bce = SpecParser.parse(spec("dcgan32", "", "")).orThrow().hyperparams();
    assertEquals(0, bce.r2Gamma());
    assertTrue(!bce.asSpecMap().containsKey("r2_gamma"));
    // progan has no penalty: its rpgan defaults to none.
    Hyperparams progan =
        SpecParser.parse(spec("progan", ", \"image_size\": 32", "\"loss\": \"rpgan\""))
            .orThrow()
            .hyperparams();
    assertEquals(0, progan.r1Gamma() + progan.r2Gamma());
  }

  @Test
  void badValuesNameTheFieldTheValueAndTheRule() {
    assertEquals(
        List.of(
            "hyperparams.r2_gamma: -1 must be >= 0",
            "hyperparams.blocks_per_stage: 0 must be >= 1",
            "hyperparams.group_channels: \"wide\" is not a number"),
        violations(
            "r3gan",
            "",
            "\"r2_gamma\": -1, \"blocks_per_stage\": 0, \"group_channels\": \"wide\""));
    assertEquals(
        List.of("hyperparams.blocks_per_stage: 3 applies only to model r3gan, not \"dcgan32\""),
        violations("dcgan32", "", "\"blocks_per_stage\": 3"));
    assertEquals(
        List.of("dataset.image_size: 48 must be one of [32, 64, 128, 256] for model r3gan"),
        violations("r3gan", ", \"image_size\": 48", ""));
    assertEquals(
        List.of(
            "hyperparams.r2_gamma: 1.0 must be 0 for model progan (no gradient penalty through"
                + " its fading discriminator)"),
        violations("progan", ", \"image_size\": 32", "\"loss\": \"rpgan\", \"r2_gamma\": 1"));
    assertTrue(
        violations("r3gan", "", "\"loss\": \"ls\"").get(0).contains("rpgan"),
        () -> violations("r3gan", "", "\"loss\": \"ls\"").toString());
  }
}
