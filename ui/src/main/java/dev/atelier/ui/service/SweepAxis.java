package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hyperparameter as the sweep page plots it: a numeric axis (on a log scale when the search
 * samples it so) or a categorical one with its choices in order.
 *
 * @param kind the search space's kind ({@code uniform}, {@code log_uniform}, {@code int}, {@code
 *     quantized}, {@code categorical}); a fixed sweep's varying params are {@code uniform} or
 *     {@code categorical}
 * @param parent the parameter this one depends on, or null
 */
public record SweepAxis(
    String name,
    String kind,
    Double low,
    Double high,
    boolean log,
    List<String> choices,
    String parent) {

  /**
   * A searching sweep's axes from the {@code search.space} param (a JSON list of its ParamSpecs,
   * camelCase or snake_case names).
   */
  public static List<SweepAxis> fromSpace(JsonNode space) {
    List<SweepAxis> axes = new ArrayList<>();
    for (JsonNode p : space) {
      String kind = p.path("kind").asText("uniform");
      List<String> choices = new ArrayList<>();
      for (JsonNode c : p.path("choices")) {
        choices.add(c.isTextual() ? c.asText() : c.toString());
      }
      axes.add(
          new SweepAxis(
              p.path("name").asText(),
              kind,
              number(p.get("low")),
              number(p.get("high")),
              kind.equals("log_uniform") || p.path("log").asBoolean(false),
              choices,
              p.hasNonNull("parent") ? p.get("parent").asText() : null));
    }
    return axes;
  }

  /**
   * A fixed sweep's axes: the params whose values differ between trials; numeric when every value
   * is a number (log scale when they are positive and span a factor of 20 or more).
   */
  public static List<SweepAxis> fromTrials(List<SweepTrialView> trials) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (SweepTrialView t : trials) {
      t.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
    }
    List<SweepAxis> axes = new ArrayList<>();
    values.forEach(
        (name, seen) -> {
          if (seen.size() < 2) {
            return;
          }
          List<Double> numbers = seen.stream().map(SweepAxis::parse).toList();
          if (numbers.contains(null)) {
            axes.add(
                new SweepAxis(name, "categorical", null, null, false, List.copyOf(seen), null));
            return;
          }
          double low = numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
          double high = numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
          boolean log = low > 0 && high / low >= 20;
          axes.add(new SweepAxis(name, "uniform", low, high, log, List.of(), null));
        });
    return axes;
  }

  private static Double number(JsonNode n) {
    return n == null || !n.isNumber() ? null : n.asDouble();
  }

  private static Double parse(String s) {
    try {
      double d = Double.parseDouble(s.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }
}
