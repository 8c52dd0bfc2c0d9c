package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.AliasEvent;
import dev.atelier.workflows.activities.DatasetActivities;
import dev.atelier.workflows.activities.OutletEvent;
import dev.atelier.workflows.dsl.TaskSpec;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A succeeded instance's outlets: one dataset event per asset outlet, and one per asset and extra
 * its function added through its alias outlets (with every alias that added it as its sources, as
 * Airflow merges them), recorded before the instance is marked success, so anyone who sees the
 * success can see the event (and the runs it started). A task without outlets, or whose aliases got
 * no events, calls nothing, so runs of such Dags keep their histories.
 */
final class Outlets {
  private Outlets() {}

  static void emit(
      RunContext ctx,
      TaskSpec task,
      int mapIndex,
      Map<String, Map<String, Object>> extras,
      List<AliasEvent> aliasEvents) {
    List<OutletEvent> events = new ArrayList<>();
    for (String uri : task.outletUris()) {
      Map<String, Object> extra = extras == null ? null : extras.get(uri);
      events.add(
          new OutletEvent(
              uri,
              extra == null ? Map.of() : extra,
              ctx.dagId(),
              ctx.runId(),
              task.taskId(),
              mapIndex));
    }
    events.addAll(throughAliases(ctx, task, mapIndex, aliasEvents));
    if (events.isEmpty()) {
      return;
    }
    Workflow.newActivityStub(DatasetActivities.class, Options.bookkeeping())
        .recordOutletEvents(events);
  }

  /** One event per asset and extra, in the order first added, naming each alias that added it. */
  static List<OutletEvent> throughAliases(
      RunContext ctx, TaskSpec task, int mapIndex, List<AliasEvent> aliasEvents) {
    if (aliasEvents == null || aliasEvents.isEmpty()) {
      return List.of();
    }
    Map<List<Object>, List<String>> aliasesByEvent = new LinkedHashMap<>();
    for (AliasEvent e : aliasEvents) {
      Map<String, Object> extra = e.extra() == null ? Map.of() : e.extra();
      List<String> aliases =
          aliasesByEvent.computeIfAbsent(List.of(e.uri(), extra), k -> new ArrayList<>());
      if (!aliases.contains(e.alias())) {
        aliases.add(e.alias());
      }
    }
    List<OutletEvent> out = new ArrayList<>();
    aliasesByEvent.forEach(
        (key, aliases) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> extra = (Map<String, Object>) key.get(1);
          out.add(
              new OutletEvent(
                  (String) key.get(0),
                  extra,
                  ctx.dagId(),
                  ctx.runId(),
                  task.taskId(),
                  mapIndex,
                  List.copyOf(aliases)));
        });
    return out;
  }
}
