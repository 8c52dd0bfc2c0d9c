package dev.atelier.trainers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.TestImages;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stylegan2 adds to a spec: its defaults, truncation, and every rule named. */
class StyleGan2SpecTest {
  @TempDir Path tmp;

  private String spec(String model, String extra, String hyperparams) {
    Path data = TestImages.solidFolder(tmp.resolve("data"), 1, 32, Color.RED);
    return """
        {"trial_id": "t/0", "model": "%s", "dataset": {"path": "%s"}%s,
         "hyperparams": {%s}, "output_dir": "%s"}
        """
        .formatted(model, data, extra, hyperparams, tmp.resolve("out"));
  }

  private List<String> violations(String model, String extra, String hyperparams) {
    return SpecParser.parse(spec(model, extra, hyperparams)).violations();
  }

  @Test
  void stylegan2DefaultsToStyleGan2AdasSmallDataConfig() throws Exception {
    TrialSpec s = SpecParser.parse(spec("stylegan2", "", "\"latent_dim\": 32")).orThrow();
    Hyperparams hp = s.hyperparams();
    assertEquals(32, s.dataset().imageSize());
    assertEquals(LossKind.BCE, hp.loss());
    assertEquals(0.0025, hp.lrG());
    assertEquals(0.0025, hp.lrD());
    assertEquals(0, hp.beta1());
    assertEquals(0.99, hp.beta2());
    assertEquals(0.01, hp.r1Gamma());
    assertEquals(0, hp.r2Gamma());
    assertEquals(16, hp.r1Interval());
    assertEquals(32, hp.wDim(), "w_dim defaults to latent_dim");
    assertEquals(2, hp.mappingLayers());
    assertEquals(0.9, hp.styleMixing());
    assertEquals(1, s.probe().truncation());
    assertEquals(
        16, SpecParser.parse(spec("stylegan2", "", "")).orThrow().hyperparams().r1Interval());
    TrialSpec t =
        SpecParser.parse(
                spec(
                    "stylegan2",
                    ", \"probe\": {\"truncation\": 0.5}",
                    "\"w_dim\": 16, \"mapping_layers\": 8, \"style_mixing\": 0"))
            .orThrow();
    assertEquals(0.5, t.probe().truncation());
    assertEquals(16, t.hyperparams().wDim());
    assertEquals(8, t.hyperparams().mappingLayers());
    assertEquals(0, t.hyperparams().styleMixing());
    // Other models keep their params: no stylegan2 keys, R1 every step.
    Hyperparams dcgan = SpecParser.parse(spec("dcgan32", "", "")).orThrow().hyperparams();
    assertEquals(1, dcgan.r1Interval());
    assertTrue(!dcgan.asSpecMap().containsKey("w_dim"), dcgan.asSpecMap().toString());
    assertTrue(!dcgan.asSpecMap().containsKey("r1_interval"), dcgan.asSpecMap().toString());
  }

  @Test
  void badValuesNameTheFieldTheValueAndTheRule() {
    assertEquals(
        List.of(
            "hyperparams.w_dim: 0 must be >= 1",
            "hyperparams.mapping_layers: 17 must be <= 16",
            "hyperparams.style_mixing: 1.5 must be <= 1",
            "hyperparams.r1_interval: \"often\" is not a number"),
        violations(
            "stylegan2",
            "",
            "\"w_dim\": 0, \"mapping_layers\": 17, \"style_mixing\": 1.5,"
                + " \"r1_interval\": \"often\""));
    assertEquals(
        List.of(
            "hyperparams.batch_size: 30 must be a multiple of 4 (or at most 4) for model"
                + " stylegan2: its discriminator's minibatch standard deviation takes groups of 4"),
        violations("stylegan2", "", "\"batch_size\": 30"));
    assertEquals(
        List.of(
            "hyperparams.w_dim: 64 applies only to model stylegan2, not \"r3gan\"",
            "hyperparams.r1_interval: 4 applies only to model stylegan2, not \"r3gan\""),
        violations("r3gan", "", "\"w_dim\": 64, \"r1_interval\": 4"));
    assertEquals(
        List.of(
            "probe.truncation: 0.7 applies only to model stylegan2 (truncation pulls w towards"
                + " its mean), not \"dcgan32\""),
        violations("dcgan32", ", \"probe\": {\"truncation\": 0.7}", ""));
    assertEquals(
        List.of("probe.truncation: 1.2 must be <= 1"),
        violations("stylegan2", ", \"probe\": {\"truncation\": 1.2}", ""));
    assertEquals(
        List.of("dataset.image_size: 48 must be one of [32, 64, 128, 256] for model stylegan2"),
        SpecParser.parse(
                spec("stylegan2", "", "")
                    .replace(
                        "\"dataset\": {\"path\": ", "\"dataset\": {\"image_size\": 48, \"path\": "))
            .violations());
  }

  /**
   * Path-length regularisation is off unless asked for, and then StyleGAN2's lazy every 4 steps;
   * off, it leaves the params (and checkpoint identity) as they were.
   */
  @Test
  void pathLengthRegularisationIsOffByDefaultAndOnWithAWeight() throws Exception {
    Hyperparams off = SpecParser.parse(spec("stylegan2", "", "")).orThrow().hyperparams();
    assertEquals(0, off.plWeight());
    assertEquals(4, off.plInterval());
    assertTrue(!off.asSpecMap().containsKey("pl_weight"), off.asSpecMap().toString());
    assertTrue(!off.asSpecMap().containsKey("pl_interval"), off.asSpecMap().toString());
    Hyperparams on =
        SpecParser.parse(spec("stylegan2", "", "\"pl_weight\": 2, \"pl_interval\": 8"))
            .orThrow()
            .hyperparams();
    assertEquals(2, on.plWeight());
    assertEquals(8, on.plInterval());
    assertEquals(2.0, on.asSpecMap().get("pl_weight"));
    assertEquals(8, on.asSpecMap().get("pl_interval"));
    ParsedSpec idle = SpecParser.parse(spec("stylegan2", "", "\"pl_interval\": 8"));
    assertEquals(List.of(), idle.violations());
    assertEquals(
        List.of(
            "hyperparams.pl_interval: 8 has no effect unless hyperparams.pl_weight is > 0"
                + " (path-length regularisation is off by default)"),
        idle.warnings());
  }

  @Test
  void badPathLengthValuesNameTheFieldTheValueAndTheRule() {
    assertEquals(
        List.of(
            "hyperparams.pl_weight: -1 must be >= 0", "hyperparams.pl_interval: 0 must be >= 1"),
        violations("stylegan2", "", "\"pl_weight\": -1, \"pl_interval\": 0"));
    assertEquals(
        List.of(
            "hyperparams.pl_weight: 20000 must be <= 10000",
            "hyperparams.pl_interval: 2.5 is not an integer"),
        violations("stylegan2", "", "\"pl_weight\": 20000, \"pl_interval\": 2.5"));
    assertEquals(
        List.of("hyperparams.pl_weight: \"strong\" is not a number"),
        violations("stylegan2", "", "\"pl_weight\": \"strong\""));
    assertEquals(
        List.of(
            "hyperparams.pl_weight: 2 applies only to model stylegan2, not \"dcgan32\"",
            "hyperparams.pl_interval: 4 applies only to model stylegan2, not \"dcgan32\""),
        violations("dcgan32", "", "\"pl_weight\": 2, \"pl_interval\": 4"));
    assertEquals(
        List.of("hyperparams.pl_weight: 0 applies only to model stylegan2, not \"r3gan\""),
        violations("r3gan", "", "\"pl_weight\": 0"));
  }
}
