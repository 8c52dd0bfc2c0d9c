package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A searching sweep's objective as its MLflow parent run records it in the param {@code
 * search.objective}: {@code "fd_rgb8 min best"} (metric, direction, and whether a trial's best or
 * last value counts).
 *
 * @param metric the metric trials log at their evaluations
 * @param direction {@code min} or {@code max}
 * @param useBest true: a trial's best value counts; false: its last
 */
public record SweepObjective(String metric, String direction, boolean useBest) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code "fd_rgb8 min best"} or the same as a JSON object ({@code metric}, {@code
   * direction}, {@code use_best}/{@code useBest}); empty when the text is neither.
   */
  public static Optional<SweepObjective> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(t);
        JsonNode useBest = n.has("use_best") ? n.get("use_best") : n.path("useBest");
        return of(
            n.path("metric").asText(""),
            n.path("direction").asText("min"),
            useBest.asBoolean(true));
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    }
    String[] words = t.split("\\s+");
    String direction = words.length > 1 ? words[1] : "min";
    boolean useBest = words.length < 3 || !words[2].equalsIgnoreCase("last");
    return of(words[0], direction, useBest);
  }

  private static Optional<SweepObjective> of(String metric, String direction, boolean useBest) {
    String d = direction.toLowerCase(Locale.ROOT);
    if (metric.isBlank()) {
      return Optional.empty();
    }
    if (d.startsWith("max")) {
      return Optional.of(new SweepObjective(metric, "max", useBest));
    }
    if (d.startsWith("min")) {
      return Optional.of(new SweepObjective(metric, "min", useBest));
    }
    return Optional.empty();
  }

  /**
   * What a sweep that declares no objective (a fixed grid) is judged by on its page: the first of
   * the trainer's quality metrics its trials logged ({@code fd_rgb8}, {@code kid_rgb8}: smaller is
   * better; {@code psnr} for super-resolution: larger is better), best value.
   */
  public static Optional<SweepObjective> assumed(java.util.Set<String> loggedMetrics) {
    for (SweepObjective candidate :
        List.of(
            new SweepObjective("fd_rgb8", "min", true),
            new SweepObjective("kid_rgb8", "min", true),
            new SweepObjective("psnr", "max", true))) {
      if (loggedMetrics.contains(candidate.metric())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** True when {@code a} is strictly better than {@code b}. */
  public boolean better(double a, double b) {
    return direction.equals("max") ? a > b : a < b;
  }

  /** A trial's objective from its history (in step order): its best or its last finite value. */
  public Double valueOf(List<MetricPoint> history) {
    Double chosen = null;
    for (MetricPoint p : history) {
      if (!Double.isFinite(p.value())) {
        continue;
      }
      if (chosen == null || !useBest || better(p.value(), chosen)) {
        chosen = p.value();
      }
    }
    return chosen;
  }
}
