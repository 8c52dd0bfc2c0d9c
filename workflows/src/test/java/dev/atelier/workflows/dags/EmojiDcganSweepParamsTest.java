package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messages a user reads when a dagRun conf breaks the demo sweep's params. */
class EmojiDcganSweepParamsTest {
  private final Dag dag = new EmojiDcganSweep("/data/emoji").define();

  private List<String> violations(Map<String, Object> conf) {
    return assertThrows(InvalidParamsException.class, () -> dag.params().resolve(conf))
        .violations();
  }

  @Test
  void defaultsResolveToTheDocumentedSweep() {
    Map<String, Object> params = dag.params().resolve(Map.of());
    assertEquals("/data/emoji", params.get("dataset_path"));
    assertEquals("dcgan32", params.get("model"));
    assertEquals(32, params.get("image_size"));
    assertEquals(300, params.get("steps"));
    assertEquals(64, params.get("batch_size"));
    assertEquals(100, params.get("sample_every"));
    assertEquals(List.of(0.0001, 0.0002), params.get("learning_rates"));
    assertEquals(List.of(32, 64), params.get("latent_dims"));
    assertEquals(1234, params.get("probe_seed"));
    assertEquals(2, params.get("max_parallel_trials"));
    assertEquals(0, params.get("gpus"));
  }

  @Test
  void aConfOverridesDefaultsAndIntegralNumbersCountAsIntegers() {
    Map<String, Object> params =
        dag.params().resolve(Map.of("steps", 20.0, "learning_rates", List.of(1, 0.5)));
    assertEquals(20, params.get("steps"));
    assertEquals(List.of(1.0, 0.5), params.get("learning_rates"));
  }

  @Test
  void aLearningRateThatIsNotANumberNamesTheItem() {
    assertEquals(
        List.of("params.learning_rates[0]: 'abc' is not of type 'number'"),
        violations(Map.of("learning_rates", List.of("abc"))));
  }

  @Test
  void aBatchSizeOfZeroNamesTheMinimum() {
    assertEquals(
        List.of("params.batch_size: 0 is less than the minimum of 1"),
        violations(Map.of("batch_size", 0)));
  }

  @Test
  void anUnknownModelListsTheAllowedOnes() {
    assertEquals(
        List.of(
            "params.model: 'stylegan9' is not one of ['dcgan32', 'dcgan64', 'dcgan128', 'cdcgan32', 'cdcgan64', 'cdcgan128', 'progan', 'r3gan', 'stylegan2']"),
        violations(Map.of("model", "stylegan9")));
  }

  @Test
  void everyViolationIsReportedAtOnceInDeclarationOrder() {
    InvalidParamsException e =
        assertThrows(
            InvalidParamsException.class,
            () ->
                dag.params()
                    .resolve(
                        Map.of(
                            "model",
                            "stylegan9",
                            "batch_size",
                            2048,
                            "learning_rates",
                            List.of(0.001, 0),
                            "latent_dims",
                            List.of(1, 16.5),
                            "steps",
                            "300")));
    assertEquals(
        List.of(
            "params.model: 'stylegan9' is not one of ['dcgan32', 'dcgan64', 'dcgan128', 'cdcgan32', 'cdcgan64', 'cdcgan128', 'progan', 'r3gan', 'stylegan2']",
            "params.steps: '300' is not of type 'integer'",
            "params.batch_size: 2048 is greater than the maximum of 1024",
            "params.learning_rates[1]: 0 is less than or equal to the minimum of 0",
            "params.latent_dims[0]: 1 is less than the minimum of 2",
            "params.latent_dims[1]: 16.5 is not of type 'integer'"),
        e.violations());
    assertEquals(
        "Invalid conf for Dag emoji_dcgan_sweep: " + String.join("; ", e.violations()),
        e.getMessage());
  }

  @Test
  void withoutTheDatasetEnvironmentTheRunMustGiveAPath() {
    Dag bare = new EmojiDcganSweep("").define();
    assertEquals(
        List.of("params.dataset_path: '' should be non-empty"),
        assertThrows(InvalidParamsException.class, () -> bare.params().resolve(Map.of()))
            .violations());
    assertEquals("/x", bare.params().resolve(Map.of("dataset_path", "/x")).get("dataset_path"));
  }

  @Test
  void aTypoInAConfKeyIsRejectedRatherThanIgnored() {
    assertEquals(
        List.of(
            "params.learning_rate: [0.1] is not a param of Dag emoji_dcgan_sweep (known:"
                + " dataset_path, model, image_size, steps, batch_size, sample_every,"
                + " learning_rates, latent_dims, probe_seed, max_parallel_trials, gpus)"),
        violations(Map.of("learning_rate", List.of(0.1))));
  }

  @Test
  void anEmptyArrayIsRejected() {
    assertEquals(
        List.of("params.latent_dims: [] should be non-empty"),
        violations(Map.of("latent_dims", List.of())));
  }

  @Test
  void schemaDescribesEachParamForTheUi() {
    Map<String, Object> schema = dag.params().schema();
    assertEquals(
        Map.of(
            "type",
            "array",
            "default",
            List.of(0.0001, 0.0002),
            "description",
            "Adam learning rates to try (mapped)",
            "minItems",
            1,
            "items",
            Map.of("type", "number", "exclusiveMinimum", 0.0)),
        schema.get("learning_rates"));
    assertEquals(
        Map.of(
            "type",
            "string",
            "default",
            "dcgan32",
            "description",
            "Generator family: DCGAN, class-conditional DCGAN (classes from the dataset's"
                + " sub-folders), progressively grown ProGAN, R3GAN or StyleGAN2; image_size must"
                + " match the DCGANs' size",
            "enum",
            List.of(
                "dcgan32",
                "dcgan64",
                "dcgan128",
                "cdcgan32",
                "cdcgan64",
                "cdcgan128",
                "progan",
                "r3gan",
                "stylegan2")),
        schema.get("model"));
  }
}
