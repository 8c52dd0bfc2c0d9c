package dev.atelier.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a retrain's review carries beside its cards: the champion measured on the challenger's data
 * (an {@code EvaluateChampionOperator}'s XCom), the champion-vs-challenger sheet drawn from both
 * probe grids at their compared steps (kept as an artifact of the champion's evaluation run,
 * {@value #SHEET}), and the auto-promote policy's verdict.
 */
@ApplicationScoped
public class RetrainEvidence {
  static final String SHEET = "evaluation/champion_vs_challenger.png";
  private static final Logger LOG = Logger.getLogger(RetrainEvidence.class);

  private final MlflowRuns mlflow;
  private final ArtifactWriter artifacts;

  RetrainEvidence(MlflowRuns mlflow, ArtifactWriter artifacts) {
    this.mlflow = mlflow;
    this.artifacts = artifacts;
  }

  /**
   * The evaluation as the review keeps it: the XCom plus {@code sheet} ({@code mlflow_run_id} and
   * {@code path} of the sheet) when there is a champion whose evaluation run can hold it.
   */
  public Map<String, Object> withSheet(Map<String, Object> evaluation) {
    Map<String, Object> out = new LinkedHashMap<>(evaluation);
    Map<String, Object> champion = side(evaluation, "champion");
    Map<String, Object> challenger = side(evaluation, "challenger");
    if (champion == null || challenger == null) {
      return out;
    }
    String evalRun = String.valueOf(champion.get("evaluation_run_id"));
    Optional<RunView> run = mlflow.run(evalRun);
    if (run.isEmpty()) {
      return out;
    }
    long championStep = number(champion.get("step"));
    long challengerStep = number(challenger.get("step"));
    String challengerRun = String.valueOf(challenger.get("mlflow_run_id"));
    String model = String.valueOf(evaluation.get("model"));
    try {
      byte[] sheet =
          ChampionSheet.compose(
              new ChampionSheet.Side(
                  mlflow.artifact(evalRun, grid(championStep)).orElse(null),
                  "champion: " + model + " v" + champion.get("version"),
                  "run "
                      + shortId(String.valueOf(champion.get("mlflow_run_id")))
                      + " · step "
                      + championStep
                      + " · "
                      + values(champion)),
              new ChampionSheet.Side(
                  mlflow.artifact(challengerRun, grid(challengerStep)).orElse(null),
                  "challenger: " + model,
                  "run "
                      + shortId(challengerRun)
                      + " · step "
                      + challengerStep
                      + " · "
                      + values(challenger)));
      artifacts.put(run.get().artifactUri(), SHEET, sheet);
      out.put("sheet", Map.of("mlflow_run_id", evalRun, "path", SHEET));
    } catch (RuntimeException e) {
      // The numbers are the evidence; a sheet that could not be drawn or stored is only missing.
      LOG.warnf("Review evidence: no champion-vs-challenger sheet: %s", e.getMessage());
    }
    return out;
  }

  /**
   * The auto-promote policy's verdict: the reason to approve when the challenger beats the champion
   * on every compared metric by at least {@code margin} (relative), else empty.
   */
  public static Optional<String> policyApproves(
      Map<String, Object> evaluation, Map<String, Object> policy) {
    if (evaluation == null || policy == null || !(policy.get("margin") instanceof Number m)) {
      return Optional.empty();
    }
    Map<String, Object> champion = side(evaluation, "champion");
    Map<String, Object> challenger = side(evaluation, "challenger");
    if (champion == null
        || challenger == null
        || !(evaluation.get("metrics") instanceof List<?> ms)) {
      return Optional.empty();
    }
    double margin = m.doubleValue();
    List<String> why = new ArrayList<>();
    for (Object spec : ms) {
      String[] parts = String.valueOf(spec).split(":");
      Double a = value(challenger, parts[0]);
      Double b = value(champion, parts[0]);
      if (a == null || b == null) {
        return Optional.empty();
      }
      boolean min = parts.length < 2 || parts[1].equals("min");
      boolean beats = min ? a <= b * (1 - margin) && a < b : a >= b * (1 + margin) && a > b;
      if (!beats) {
        return Optional.empty();
      }
      why.add(String.format(Locale.ROOT, "%s %.4g vs %.4g", parts[0], a, b));
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "auto_promote policy: the challenger beat the champion on the new data by at least"
                + " %.0f %% on every metric (%s)",
            margin * 100,
            String.join(", ", why)));
  }

  private static String values(Map<String, Object> side) {
    List<String> parts = new ArrayList<>();
    if (side.get("values") instanceof Map<?, ?> v) {
      v.forEach(
          (k, x) ->
              parts.add(
                  x instanceof Number n
                      ? String.format(Locale.ROOT, "%s %.4g", k, n.doubleValue())
                      : k + " –"));
    }
    return String.join(" · ", parts);
  }

  private static Double value(Map<String, Object> side, String metric) {
    return side.get("values") instanceof Map<?, ?> v && v.get(metric) instanceof Number n
        ? n.doubleValue()
        : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> side(Map<String, Object> evaluation, String key) {
    return evaluation.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static String grid(long step) {
    return String.format("samples/step_%07d.png", step);
  }

  private static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
