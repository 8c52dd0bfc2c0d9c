package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dag's typed params (Airflow's {@code params} of {@code Param}s). A run's conf is merged over
 * the defaults and the result validated as a whole, so one error lists every bad field.
 *
 * <p>Unlike Airflow, a conf key that names no param is rejected: a typo ({@code learning_rate})
 * would otherwise be silently ignored and the sweep would run with the default.
 */
public final class Params {
  private final String dagId;
  private final Map<String, Param> params;

  private Params(String dagId, Map<String, Param> params) {
    this.dagId = dagId;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Params empty() {
    return new Params(null, Map.of());
  }

  /** The same params, reporting violations under {@code dagId}; done by the Dag builder. */
  Params forDag(String dagId) {
    return new Params(dagId, params);
  }

  public Set<String> names() {
    return params.keySet();
  }

  public Map<String, Param> asMap() {
    return params;
  }

  /**
   * Merges a run's conf over the defaults and validates the result.
   *
   * @throws InvalidParamsException naming every bad field, its value and the rule it breaks
   */
  public Map<String, Object> resolve(Map<String, Object> conf) {
    Map<String, Object> given = conf == null ? Map.of() : conf;
    List<String> violations = new ArrayList<>();
    for (String key : given.keySet()) {
      if (!params.containsKey(key)) {
        violations.add(
            "params."
                + key
                + ": "
                + Values.show(given.get(key))
                + " is not a param of Dag "
                + dagId
                + " (known: "
                + String.join(", ", params.keySet())
                + ")");
      }
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, Param> e : params.entrySet()) {
      String path = "params." + e.getKey();
      Param param = e.getValue();
      Object value = given.containsKey(e.getKey()) ? given.get(e.getKey()) : param.defaultValue();
      if (value == null && !given.containsKey(e.getKey())) {
        violations.add(path + ": a value is required (the param has no default)");
        continue;
      }
      resolved.put(e.getKey(), param.validate(path, value, violations));
    }
    if (!violations.isEmpty()) {
      throw new InvalidParamsException(dagId, violations);
    }
    return resolved;
  }

  /** The JSON-schema-like description of each param, for the API and UI. */
  public Map<String, Object> schema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    params.forEach((name, p) -> schema.put(name, p.schema()));
    return schema;
  }

  /** Collects params in the order they are declared (the order the UI shows them). */
  public static final class Builder {
    private final Map<String, Param> params = new LinkedHashMap<>();

    private Builder() {}

    public Builder param(String name, Param param) {
      if (params.putIfAbsent(name, param) != null) {
        throw new IllegalArgumentException("param '" + name + "' is declared twice");
      }
      return this;
    }

    public Params build() {
      return new Params(null, params);
    }
  }
}
