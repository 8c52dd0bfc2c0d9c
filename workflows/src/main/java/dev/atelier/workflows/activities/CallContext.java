package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.AliasOutletEvents;
import dev.atelier.workflows.dsl.TaskContext;
import dev.atelier.workflows.dsl.XComArg;
import dev.atelier.workflows.schedule.AssetAlias;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link TaskContext} over a {@link TaskCall}: what the workflow handed the activity. */
final class CallContext implements TaskContext {
  /** Python's {@code isoformat()} of an aware datetime: seconds always, offset as +00:00. */
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** How many events one instance may add through its aliases (they travel in its result). */
  static final int MAX_ALIAS_EVENTS = 1000;

  private final TaskCall call;
  private final Map<String, Object> pushed = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> outletExtras = new LinkedHashMap<>();
  private final List<AliasEvent> aliasEvents = new ArrayList<>();

  CallContext(TaskCall call) {
    this.call = call;
  }

  Map<String, Object> pushed() {
    return pushed;
  }

  Map<String, Map<String, Object>> outletExtras() {
    return outletExtras;
  }

  List<AliasEvent> aliasEvents() {
    return aliasEvents;
  }

  @Override
  public String dagId() {
    return call.dagId();
  }

  @Override
  public String taskId() {
    return call.taskId();
  }

  @Override
  public String runId() {
    return call.runId();
  }

  @Override
  public int mapIndex() {
    return call.mapIndex();
  }

  @Override
  public int tryNumber() {
    return call.tryNumber();
  }

  @Override
  public Instant logicalDate() {
    return instant(run().logicalDate());
  }

  @Override
  public Instant dataIntervalStart() {
    return instant(run().dataIntervalStart());
  }

  @Override
  public Instant dataIntervalEnd() {
    return instant(run().dataIntervalEnd());
  }

  @Override
  public String ds() {
    Instant at = logicalDate();
    return at == null ? null : at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  @Override
  public String ts() {
    Instant at = logicalDate();
    return at == null ? null : TS.format(at.atOffset(ZoneOffset.UTC));
  }

  @Override
  public Map<String, Object> params() {
    return call.params() == null ? Map.of() : Collections.unmodifiableMap(call.params());
  }

  @Override
  public Map<String, Object> conf() {
    Map<String, Object> conf = run().conf();
    return conf == null ? Map.of() : Collections.unmodifiableMap(conf);
  }

  @Override
  public Map<String, Object> args() {
    return call.args() == null ? Map.of() : Collections.unmodifiableMap(call.args());
  }

  @Override
  public <T> T arg(String name, Class<T> type) {
    if (!args().containsKey(name)) {
      throw new IllegalArgumentException(
          call.taskId() + ": no argument '" + name + "' (given: " + args().keySet() + ")");
    }
    return Conversions.to(call.taskId() + " argument '" + name + "'", args().get(name), type);
  }

  @Override
  public Object xcomPull(String taskId) {
    if (call.upstream() != null && call.upstream().containsKey(taskId)) {
      return call.upstream().get(taskId);
    }
    return xcomPull(taskId, XComArg.RETURN_VALUE);
  }

  @Override
  public Object xcomPull(String taskId, String key) {
    List<XComEntry> found = new ArrayList<>();
    for (XComEntry e : entries()) {
      if (e.taskId().equals(taskId) && e.key().equals(key)) {
        found.add(e);
      }
    }
    if (found.size() == 1 && found.get(0).mapIndex() < 0) {
      return found.get(0).value();
    }
    if (found.isEmpty()) {
      return null;
    }
    found.sort((a, b) -> Integer.compare(a.mapIndex(), b.mapIndex()));
    return found.stream().map(XComEntry::value).toList();
  }

  @Override
  public Object xcomPull(String taskId, String key, int mapIndex) {
    for (XComEntry e : entries()) {
      if (e.taskId().equals(taskId) && e.key().equals(key) && e.mapIndex() == mapIndex) {
        return e.value();
      }
    }
    return null;
  }

  @Override
  public void xcomPush(String key, Object value) {
    if (XComArg.RETURN_VALUE.equals(key)) {
      throw new IllegalArgumentException(
          "xcom_push: the key 'return_value' is set by returning a value from the function");
    }
    pushed.put(key, value);
  }

  @Override
  public Map<String, Object> outletExtra(String datasetUri) {
    List<String> outlets = call.outlets() == null ? List.of() : call.outlets();
    if (!outlets.contains(datasetUri)) {
      throw new IllegalArgumentException(
          "outlet_events: '"
              + datasetUri
              + "' is not an outlet of task "
              + call.taskId()
              + " (outlets: "
              + outlets
              + ")");
    }
    return outletExtras.computeIfAbsent(datasetUri, k -> new LinkedHashMap<>());
  }

  @Override
  public AliasOutletEvents outletEvents(AssetAlias alias) {
    List<String> aliases = call.outletAliases() == null ? List.of() : call.outletAliases();
    if (alias == null || !aliases.contains(alias.name())) {
      throw new IllegalArgumentException(
          "outlet_events: "
              + (alias == null ? "null" : alias.describe())
              + " is not an outlet of task "
              + call.taskId()
              + " (alias outlets: "
              + aliases
              + "); list it in the task's outlets to add events through it");
    }
    return (asset, extra) -> {
      if (asset == null) {
        throw new IllegalArgumentException(
            "outlet_events[" + alias.describe() + "].add: asset is null; give an Asset");
      }
      if (aliasEvents.size() >= MAX_ALIAS_EVENTS) {
        throw new IllegalArgumentException(
            "outlet_events["
                + alias.describe()
                + "].add("
                + asset.uri()
                + "): an instance adds at most "
                + MAX_ALIAS_EVENTS
                + " events through its aliases");
      }
      aliasEvents.add(
          new AliasEvent(
              alias.name(),
              asset.uri(),
              extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra))));
    };
  }

  private List<XComEntry> entries() {
    return call.xcoms() == null ? List.of() : call.xcoms();
  }

  private RunInfo run() {
    return call.run() == null ? new RunInfo(null, null, null, Map.of()) : call.run();
  }

  private static Instant instant(String iso) {
    return iso == null ? null : OffsetDateTime.parse(iso).toInstant();
  }
}
