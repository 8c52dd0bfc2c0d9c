package dev.atelier.bench.cluster;

import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.trials.BenchTrialJobs;
import dev.atelier.workflows.activities.TrialRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's trials, built as real ones are ({@link BenchTrialJobs} → {@code TrialJobs}): Dag
 * {@value #DAG}, one task per scenario and variant, the map index counting trials, 1 GPU each, a
 * dataset on the {@code datasets} claim, and the deployed settings (work claim {@code
 * atelier-work}, ServiceAccount {@code atelier-trainer}). Every Job and pod carries {@value
 * #LABEL}, which is how the benchmark finds and deletes them.
 */
final class BenchTrials {
  static final String DAG = "bench_k8s";
  static final String LABEL = "atelier.dev/bench";
  static final String LABEL_VALUE = "k8s";
  static final String SELECTOR = LABEL + "=" + LABEL_VALUE;
  static final String IMAGE = "ghcr.io/atelier/trainer:0.1.0";

  /**
   * What the gpu ResourceFlavor adds to a pod Kueue admits; a Job without Kueue needs it itself.
   */
  static final Map<String, Object> GPU_NODE_TOLERATION =
      Map.of(
          "key", "nvidia.com/gpu", "operator", "Equal", "value", "present", "effect", "NoSchedule");

  static final Map<String, String> GPU_NODE_SELECTOR = Map.of("atelier.dev/accelerator", "nvidia");

  private final BenchTrialJobs jobs =
      new BenchTrialJobs(
          IMAGE, "atelier-work", "atelier-trainer", Path.of("/var/lib/atelier/trials"));
  private final String runId;
  private final Path specFile;
  private final int gpus;

  BenchTrials(String runId, Path scratch, int gpus) throws IOException {
    this.runId = runId;
    this.gpus = gpus;
    // A trainer spec of the usual size (the launcher ships it in a ConfigMap); its content does not
    // matter to kwok.
    this.specFile = scratch.resolve("trial.json");
    Files.writeString(
        specFile,
        "{\"family\":\"dcgan\",\"image_size\":64,\"latent_size\":64,\"widths\":64,"
            + "\"batch_size\":64,\"steps\":2000,\"lr_g\":0.0002,\"lr_d\":0.0002,\"beta1\":0.5,"
            + "\"dataset\":\"/var/atelier/dataset/emoji\",\"output_dir\":\"/var/lib/atelier/trials\","
            + "\"sample_every\":100,\"checkpoint_every\":500,\"probe_seed\":7,\"seed\":1,"
            + "\"mlflow\":{\"tracking_uri\":\"http://mlflow.mlflow.svc:5000\","
            + "\"experiment\":\"atelier/bench_k8s\",\"run_id\":\"0123456789abcdef\"}}\n");
  }

  /**
   * Trial {@code index} of task {@code task}.
   *
   * @param queued whether Kueue queues it (the launcher's default queue then applies); if not, it
   *     carries the GPU nodes' toleration and selector itself, as Kueue's gpu flavor would add them
   * @param runFor how long kwok keeps its pod running, e.g. "2s"
   */
  JobRequest request(String task, int index, boolean queued, String runFor) {
    Map<String, Object> kubernetes = new LinkedHashMap<>();
    kubernetes.put("labels", Map.of(LABEL, LABEL_VALUE));
    kubernetes.put("annotations", Map.of(PodTemplateAnnotations.PREFIX + "run-for", runFor));
    if (!queued) {
      kubernetes.put("tolerations", List.of(GPU_NODE_TOLERATION));
      kubernetes.put("node_selector", GPU_NODE_SELECTOR);
    }
    TrialRequest r =
        new TrialRequest(
            DAG,
            runId,
            task,
            index,
            "atelier/" + DAG,
            "0123456789abcdef",
            Map.of("lr", 0.0002, "latent_size", 64),
            Map.of("path", "pvc://datasets/emoji", "digest", "sha256:bench"),
            7L,
            gpus,
            kubernetes);
    return jobs.request(r, specFile);
  }
}
