package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.TrialRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrainerSpecTest {
  @Test
  void of_trainTaskArguments_specAsTheTrainerContractSpellsIt() throws Exception {
    Map<String, Object> hyperparams = new LinkedHashMap<>();
    hyperparams.put("model", "dcgan32");
    hyperparams.put("steps", 300.0); // a count that crossed Temporal as a double
    hyperparams.put("batch_size", 64);
    hyperparams.put("sample_every", 100);
    hyperparams.put("image_size", 32);
    hyperparams.put("probe_seed", 1234);
    hyperparams.put("max_parallel_trials", 2);
    hyperparams.put("gpus", 0);
    hyperparams.put("lr", 0.0002);
    hyperparams.put("latent_dim", 64);
    TrialRequest request =
        new TrialRequest(
            "emoji_dcgan_sweep",
            "manual__2026-11-21T10:00:00",
            "train",
            0,
            "atelier/emoji_dcgan_sweep",
            "parent123",
            hyperparams,
            Map.of("path", "/data/emoji", "image_count", 3800, "image_size", 32),
            1234,
            0,
            Map.of());

    Map<String, Object> spec =
        TrainerSpec.of(
            request, "run42", Path.of("/w/trials/x/0"), "http://127.0.0.1:5000", OptionalInt.of(1));

    String expected =
        """
        {"trial_id":"emoji_dcgan_sweep/manual__2026-11-21T10:00:00/train/0",\
        "model":"dcgan32",\
        "dataset":{"path":"/data/emoji","image_size":32,"background":"#ffffff"},\
        "hyperparams":{"steps":300,"batch_size":64,"lr":2.0E-4,"latent_dim":64},\
        "seed":42,\
        "probe":{"seed":1234,"count":64},\
        "sample_every":100,\
        "threads":1,\
        "output_dir":"/w/trials/x/0",\
        "mlflow":{"tracking_uri":"http://127.0.0.1:5000","run_id":"run42"}}""";
    assertEquals(expected, new ObjectMapper().writeValueAsString(spec));
  }

  @Test
  void of_optionsGivenFlatOrWhole_liftedIntoTheSpecsObjectsAndTopLevel() throws Exception {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("lr", 0.0002);
    args.put("checkpoint_every", 200.0);
    args.put("keep_last", 2);
    args.put("keep_best_by", "kid_inception");
    args.put("augment_mirror", true);
    args.put("augment_diffaug", List.of("translation", "cutout"));
    args.put("divergence", Map.of("window", 50.0));
    args.put("quality_every", 200);
    args.put("quality_collapse_threshold", 0.4);
    args.put("quality_extractor_path", "/models/inception.pt");
    args.put("quality_extractor_name", "inception");
    args.put("progressive_fade_in_images", 6400);

    Map<String, Object> spec =
        TrainerSpec.of(
            request(args),
            "run42",
            Path.of("/w/t/0"),
            "http://127.0.0.1:5000",
            OptionalInt.empty());

    String expected =
        """
        {"trial_id":"emoji_dcgan_sweep/manual__2026-11-21T10:00:00/train/0",\
        "model":"dcgan32",\
        "dataset":{"path":"/data/emoji","image_size":32,"background":"#ffffff"},\
        "hyperparams":{"lr":2.0E-4},\
        "seed":42,\
        "probe":{"seed":1234,"count":64},\
        "checkpoint_every":200,\
        "keep_last":2,\
        "keep_best_by":"kid_inception",\
        "augment":{"mirror":true,"diffaug":["translation","cutout"]},\
        "divergence":{"window":50},\
        "quality":{"every":200,"collapse_threshold":0.4,\
        "extractor":{"path":"/models/inception.pt","name":"inception"}},\
        "progressive":{"fade_in_images":6400},\
        "output_dir":"/w/t/0",\
        "mlflow":{"tracking_uri":"http://127.0.0.1:5000","run_id":"run42"}}""";
    assertEquals(expected, new ObjectMapper().writeValueAsString(spec));
  }

  /**
   * ADA as a sweep sets it: {@code augment_ada} true (a searched switch) with or without its
   * settings flat beside it, in either order, beside a fixed {@code augment} map; false wins.
   */
  @Test
  void of_augmentAdaFlat_nestedUnderAugmentAda() throws Exception {
    Map<String, Object> on = new LinkedHashMap<>();
    on.put("augment", Map.of("mirror", true));
    on.put("augment_ada", true);
    assertEquals("{\"mirror\":true,\"ada\":true}", augment(on));

    Map<String, Object> tuned = new LinkedHashMap<>();
    tuned.put("augment_ada", true);
    tuned.put("augment_ada_target", 0.7);
    tuned.put("augment_ada_interval", 8.0);
    assertEquals("{\"ada\":{\"target\":0.7,\"interval\":8}}", augment(tuned));

    Map<String, Object> settingsFirst = new LinkedHashMap<>();
    settingsFirst.put("augment_ada_kimg", 100);
    settingsFirst.put("augment_ada", true);
    assertEquals("{\"ada\":{\"kimg\":100}}", augment(settingsFirst));

    Map<String, Object> off = new LinkedHashMap<>();
    off.put("augment_ada", false);
    off.put("augment_ada_target", 0.7);
    assertEquals("{\"ada\":false}", augment(off));
  }

  private static String augment(Map<String, Object> args) throws Exception {
    Map<String, Object> spec =
        TrainerSpec.of(
            request(args),
            "run42",
            Path.of("/w/t/0"),
            "http://127.0.0.1:5000",
            OptionalInt.empty());
    return new ObjectMapper().writeValueAsString(spec.get("augment"));
  }

  @Test
  void of_qualityFalse_qualityTurnedOff() throws Exception {
    Map<String, Object> spec =
        TrainerSpec.of(
            request(Map.of("quality", false)),
            "r",
            Path.of("/w/t/0"),
            "http://127.0.0.1:5000",
            OptionalInt.empty());
    assertEquals(Map.of("enabled", false), spec.get("quality"));
    assertEquals(Map.of(), spec.get("hyperparams"));
  }

  private static TrialRequest request(Map<String, Object> args) {
    return new TrialRequest(
        "emoji_dcgan_sweep",
        "manual__2026-11-21T10:00:00",
        "train",
        0,
        "atelier/emoji_dcgan_sweep",
        "parent123",
        args,
        Map.of("path", "/data/emoji"),
        1234,
        0,
        Map.of());
  }
}
