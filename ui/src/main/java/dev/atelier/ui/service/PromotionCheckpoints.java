package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlflow.tracking.MlflowClient;

/**
 * Answers two questions before anything is registered: may this trial be promoted at all (only one
 * that finished its steps: an interrupted, failed, diverged or pruned trial's weights are not the
 * trial that was judged), and which checkpoint holds the step the lead saw. The trainer uploads the
 * generator of every sample step to {@code checkpoints/step_NNNNNNN/}; the last step's is {@code
 * checkpoints/final/}. Every refusal is a 409 whose text names the run, the step and why.
 */
@ApplicationScoped
public class PromotionCheckpoints {
  static final String FINAL = "checkpoints/final";
  private static final String DESCRIPTOR = "checkpoint.json";
  private static final Pattern STEP_DIR = Pattern.compile("checkpoints/step_(\\d{7})$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MlflowRuns mlflow;
  private final MlflowClient client;

  PromotionCheckpoints(MlflowRuns mlflow, MlflowClient client) {
    this.mlflow = mlflow;
    this.client = client;
  }

  /**
   * @throws ApiProblem 409 naming why the trial cannot be promoted
   */
  public void requirePromotable(RunView run) {
    refusal(run)
        .ifPresent(
            why -> {
              throw ApiProblem.conflict("Trial not promotable", why);
            });
  }

  /** Why the trial cannot be promoted, or empty when it can. */
  public Optional<String> refusal(RunView run) {
    String status = run.tag("atelier.status");
    String because = run.tag("atelier.stop_detail");
    if (because == null) {
      because = run.tag("atelier.reason");
    }
    String who = "mlflow_run_id: '" + run.runId() + "'";
    if (status != null && !status.equals("SUCCEEDED")) {
      return Optional.of(
          who
              + " is a "
              + status
              + " trial"
              + (because == null || because.isBlank() ? "" : " (" + because + ")")
              + ": only a trial that finished its steps (SUCCEEDED) can be promoted");
    }
    if (!"FINISHED".equals(run.status())) {
      return Optional.of(
          who + " has MLflow status " + run.status() + ": only a finished trial can be promoted");
    }
    return Optional.empty();
  }

  /**
   * @param step a sample step ({@code "300"}) or {@code "final"}
   * @throws ApiProblem 400 when {@code step} is neither; 409 when that step has no checkpoint
   */
  public PromotionCheckpoint resolve(String runId, String step) {
    String s = step == null ? "" : step.strip();
    if (s.equalsIgnoreCase("final")) {
      long finalStep =
          descriptorStep(runId, FINAL)
              .orElseThrow(
                  () ->
                      ApiProblem.conflict(
                          "No checkpoint",
                          "step: 'final' has no checkpoint: MLflow run '"
                              + runId
                              + "' has no "
                              + FINAL
                              + "/"
                              + DESCRIPTOR));
      return new PromotionCheckpoint(FINAL, finalStep);
    }
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > 9_999_999) {
      throw ApiProblem.badRequest(
          "step: '"
              + step
              + "' must be a sample step (a whole number from 0, e.g. 300) or \"final\"");
    }
    String dir = String.format("checkpoints/step_%07d", n);
    Optional<Long> atStep = descriptorStep(runId, dir);
    if (atStep.isPresent()) {
      if (atStep.get() != n) {
        throw ApiProblem.conflict(
            "Checkpoint mismatch",
            "step: "
                + n
                + " — "
                + dir
                + "/"
                + DESCRIPTOR
                + " of MLflow run '"
                + runId
                + "' says step "
                + atStep.get());
      }
      return new PromotionCheckpoint(dir, n);
    }
    Optional<Long> finalStep = descriptorStep(runId, FINAL);
    if (finalStep.isPresent() && finalStep.get() == n) {
      return new PromotionCheckpoint(FINAL, n);
    }
    throw ApiProblem.conflict(
        "No checkpoint",
        "step: "
            + n
            + " has no checkpoint in MLflow run '"
            + runId
            + "' (no "
            + dir
            + "); steps with one: "
            + available(runId, finalStep));
  }

  /** Step folders under {@code checkpoints/}, sorted, and the final one's step. */
  private String available(String runId, Optional<Long> finalStep) {
    List<String> steps = new ArrayList<>();
    for (String dir : dirs(runId, "checkpoints")) {
      Matcher m = STEP_DIR.matcher(dir);
      if (m.find()) {
        steps.add(Long.toString(Long.parseLong(m.group(1))));
      }
    }
    finalStep.ifPresent(s -> steps.add("final (" + s + ")"));
    return steps.isEmpty() ? "none" : String.join(", ", steps);
  }

  private Optional<Long> descriptorStep(String runId, String dir) {
    return mlflow
        .artifact(runId, dir + "/" + DESCRIPTOR)
        .map(
            bytes -> {
              try {
                JsonNode d = JSON.readTree(bytes);
                return d.path("step").isIntegralNumber() ? d.path("step").asLong() : null;
              } catch (IOException e) {
                return null;
              }
            });
  }

  private List<String> dirs(String runId, String path) {
    List<String> out = new ArrayList<>();
    try {
      String json =
          client.sendGet(
              "artifacts/list?run_id="
                  + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                  + "&path="
                  + URLEncoder.encode(path, StandardCharsets.UTF_8));
      for (JsonNode f : JSON.readTree(json).path("files")) {
        if (f.path("is_dir").asBoolean(false)) {
          out.add(f.path("path").asText());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("MLflow answered artifacts/list with unreadable JSON", e);
    }
    out.sort(null);
    return out;
  }
}
