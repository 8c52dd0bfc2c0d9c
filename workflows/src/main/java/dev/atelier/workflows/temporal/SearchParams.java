package dev.atelier.workflows.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.SearchSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a searching sweep's MLflow parent run records as params: the algorithm, the objective, and
 * the space, budget, early stopping, stop rules and PBT settings as JSON, so the MLflow UI, the
 * sweep page and a person reading the run later see what was searched and how.
 */
final class SearchParams {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchParams() {}

  static Map<String, String> of(SearchSpec search) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("search.algorithm", search.algorithm().name());
    params.put(
        "search.objective",
        search.objective().metric()
            + " "
            + (search.objective().direction() == Direction.MINIMIZE ? "min" : "max")
            + " "
            + (search.objective().useBest() ? "best" : "last"));
    params.put("search.space", json(search.space()));
    params.put("search.budget", json(search.budget()));
    params.put("search.early_stopping", json(search.earlyStopping()));
    if (search.stopRules() != null && !search.stopRules().isEmpty()) {
      params.put("search.stop_rules", json(search.stopRules()));
    }
    if (search.pbt() != null) {
      params.put("search.pbt", json(search.pbt()));
    }
    params.put("search.seed", Long.toString(search.seed()));
    return params;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("search: cannot be written as JSON: " + e.getMessage());
    }
  }
}
