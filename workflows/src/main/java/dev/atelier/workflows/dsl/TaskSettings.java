package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A task's own retry, timeout, pool and priority settings; what it leaves unset (null) comes from
 * the Dag's {@link DefaultArgs} when the Dag is serialized.
 */
final class TaskSettings {
  private static final Pattern POOL = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

  Integer retries;
  Duration retryDelay;
  Boolean retryExponentialBackoff;
  Duration maxRetryDelay;
  Duration executionTimeout;
  String pool;
  Integer poolSlots;
  Integer priorityWeight;
  WeightRule weightRule;
  Integer maxActiveTisPerDagrun;
  List<String> outlets = List.of();

  /** The outlets declared as {@code Asset}s (names and groups for the API); empty for URIs. */
  List<dev.atelier.workflows.schedule.Asset> outletAssets = List.of();

  /** The aliases among the outlets, in the order written. */
  List<dev.atelier.workflows.schedule.AssetAlias> outletAliases = List.of();

  /** The settings with the Dag's defaults filled in. */
  record Resolved(
      int retries,
      Duration retryDelay,
      boolean retryExponentialBackoff,
      Duration maxRetryDelay,
      Duration executionTimeout,
      String pool,
      int poolSlots,
      int priorityWeight,
      WeightRule weightRule,
      Integer maxActiveTisPerDagrun) {}

  Resolved resolve(DefaultArgs d) {
    return new Resolved(
        retries != null ? retries : d.retries(),
        retryDelay != null ? retryDelay : d.retryDelay(),
        retryExponentialBackoff != null ? retryExponentialBackoff : d.retryExponentialBackoff(),
        maxRetryDelay != null ? maxRetryDelay : d.maxRetryDelay(),
        executionTimeout != null ? executionTimeout : d.executionTimeout(),
        pool != null ? pool : d.pool(),
        poolSlots != null ? poolSlots : 1,
        priorityWeight != null ? priorityWeight : 1,
        weightRule != null ? weightRule : d.weightRuleOrDefault(),
        maxActiveTisPerDagrun);
  }

  /** Adds a violation per bad value, each naming the task, the setting and the value. */
  void check(String taskId, DefaultArgs defaults, List<String> violations) {
    Resolved r = resolve(defaults);
    String at = "Task '" + taskId + "': ";
    if (r.retries() < 0) {
      violations.add(at + "retries must be >= 0, got " + r.retries());
    }
    if (r.retryDelay() == null || r.retryDelay().isNegative()) {
      violations.add(at + "retry_delay must be >= 0 s, got " + show(r.retryDelay()));
    }
    positive(at, "max_retry_delay", r.maxRetryDelay(), violations);
    positive(at, "execution_timeout", r.executionTimeout(), violations);
    if (r.pool() != null && !POOL.matcher(r.pool()).matches()) {
      violations.add(
          at
              + "pool "
              + Values.show(r.pool())
              + " must be 1 to 256 letters, digits, dots, dashes or underscores");
    }
    if (r.poolSlots() < 1) {
      violations.add(at + "pool_slots must be >= 1, got " + r.poolSlots());
    }
    if (r.poolSlots() != 1 && r.pool() == null) {
      violations.add(at + "pool_slots " + r.poolSlots() + " is set but the task has no pool");
    }
    if (r.maxActiveTisPerDagrun() != null && r.maxActiveTisPerDagrun() < 1) {
      violations.add(
          at + "max_active_tis_per_dagrun must be >= 1, got " + r.maxActiveTisPerDagrun());
    }
    for (int i = 0; i < outlets.size(); i++) {
      String why = outletProblem(outlets.get(i));
      if (why != null) {
        violations.add(at + "outlets[" + i + "] " + Values.show(outlets.get(i)) + " " + why);
      }
    }
    if (outlets.stream().distinct().count() < outlets.size()) {
      violations.add(at + "outlets " + outlets + " name an asset twice");
    }
    List<String> aliasNames =
        outletAliases.stream().map(dev.atelier.workflows.schedule.AssetAlias::name).toList();
    if (aliasNames.stream().distinct().count() < aliasNames.size()) {
      violations.add(at + "outlets name an AssetAlias twice: " + aliasNames);
    }
  }

  /** Airflow's rules for a dataset URI, as {@code schedule.Dataset} checks them. */
  private static String outletProblem(String uri) {
    if (uri == null || uri.isBlank()) {
      return "must not be blank";
    }
    if (uri.chars().anyMatch(Character::isWhitespace)) {
      return "must not contain spaces";
    }
    return uri.length() > 3000 ? "must be at most 3000 characters" : null;
  }

  private static void positive(String at, String name, Duration d, List<String> violations) {
    if (d != null && (d.isZero() || d.isNegative() || d.toSeconds() < 1)) {
      violations.add(at + name + " must be at least 1 s, got " + show(d));
    }
  }

  private static String show(Duration d) {
    return d == null ? "null" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toString();
  }
}
