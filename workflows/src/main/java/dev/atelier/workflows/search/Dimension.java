package dev.atelier.workflows.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One parameter of a {@link SearchSpace} as the samplers see it (Optuna's distributions). A value
 * has two forms: the external one a trial receives ({@code Double} for {@code uniform}, {@code
 * log_uniform} and {@code quantized}; {@code Integer} for {@code int}, the type JSON brings back
 * through Temporal's and Jackson's converters; a categorical choice as it was given) and the
 * internal one samplers compute with (the number itself, or a choice's index).
 */
public record Dimension(
    String name,
    Kind kind,
    double low,
    double high,
    double step,
    boolean log,
    List<Object> choices,
    String parent,
    List<Object> parentValues) {

  /** The kinds of {@link ParamSpec#kind()}. */
  public enum Kind {
    UNIFORM,
    LOG_UNIFORM,
    INT,
    QUANTIZED,
    CATEGORICAL
  }

  /** The dimension a checked {@link ParamSpec} declares ({@code int}'s step defaults to 1). */
  public static Dimension of(ParamSpec p) {
    Kind kind = Kind.valueOf(p.kind().toUpperCase(java.util.Locale.ROOT));
    if (kind == Kind.CATEGORICAL) {
      return new Dimension(
          p.name(), kind, 0, 0, 0, false, List.copyOf(p.choices()), p.parent(), parents(p));
    }
    double step = p.step() != null ? p.step() : kind == Kind.INT ? 1 : 0;
    if (kind == Kind.UNIFORM || kind == Kind.LOG_UNIFORM) {
      step = 0;
    }
    boolean log = kind == Kind.LOG_UNIFORM || (kind == Kind.INT && p.log());
    return new Dimension(
        p.name(), kind, p.low(), p.high(), step, log, null, p.parent(), parents(p));
  }

  private static List<Object> parents(ParamSpec p) {
    return p.parentValues() == null ? List.of() : List.copyOf(p.parentValues());
  }

  public boolean categorical() {
    return kind == Kind.CATEGORICAL;
  }

  /** Grid-able: a finite set of values (categorical, int, quantized). */
  public boolean discrete() {
    return kind != Kind.UNIFORM && kind != Kind.LOG_UNIFORM;
  }

  /** Only one value is possible: samplers take it without drawing. */
  public boolean single() {
    return categorical() ? choices.size() == 1 : low == high;
  }

  /** Active under a (partial) configuration: unconditional, or the parent holds a listed value. */
  public boolean activeUnder(Map<String, Object> config) {
    if (parent == null) {
      return true;
    }
    Object v = config.get(parent);
    return v != null && parentValues.stream().anyMatch(p -> SameValue.equal(p, v));
  }

  /** The index of a categorical value among the choices, or −1. */
  public int indexOf(Object value) {
    for (int i = 0; i < choices.size(); i++) {
      if (SameValue.equal(choices.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  /** The external form of an internal value (snapped to the step's grid for discrete kinds). */
  public Object external(double internal) {
    return switch (kind) {
      case CATEGORICAL -> choices.get((int) internal);
      case INT -> (int) StrictMath.rint(internal);
      case QUANTIZED -> onGrid(StrictMath.rint((internal - low) / step));
      default -> internal;
    };
  }

  /** {@code low + k·step} in decimal arithmetic, so 0.99 + 4·0.001 is 0.994, not 0.9940000001. */
  private double onGrid(double k) {
    return BigDecimal.valueOf(low)
        .add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf((long) k)))
        .doubleValue();
  }

  /** How many values a discrete dimension has. */
  public int size() {
    if (categorical()) {
      return choices.size();
    }
    return (int) StrictMath.rint((high - low) / step) + 1;
  }

  /** The values of a discrete dimension in order (external form), for the grid. */
  public List<Object> values() {
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < size(); k++) {
      out.add(categorical() ? choices.get(k) : external(low + k * step));
    }
    return out;
  }

  /**
   * A uniform draw (Optuna's {@code RandomSampler}): uniform over the choices or the grid points;
   * uniform in log space for a log scale (for {@code int} over [low − ½, high + ½], then rounded).
   */
  public Object random(RandomGenerator rng) {
    if (single()) {
      return categorical() ? choices.get(0) : external(low);
    }
    if (categorical()) {
      return choices.get(rng.nextInt(choices.size()));
    }
    if (log && step > 0) {
      double lo = StrictMath.log(low - step / 2);
      double hi = StrictMath.log(high + step / 2);
      double x = StrictMath.exp(lo + rng.nextDouble() * (hi - lo));
      double k = StrictMath.rint((x - low) / step);
      return external(low + Math.max(0, Math.min(size() - 1, k)) * step);
    }
    if (step > 0) {
      return external(low + rng.nextInt(size()) * step);
    }
    if (log) {
      double lo = StrictMath.log(low);
      double hi = StrictMath.log(high);
      return StrictMath.exp(lo + rng.nextDouble() * (hi - lo));
    }
    return low + rng.nextDouble() * (high - low);
  }
}
