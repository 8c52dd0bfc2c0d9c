package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.DatasetActivities;
import dev.atelier.workflows.activities.OutletEvent;
import dev.atelier.workflows.dsl.TaskSpec;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A succeeded instance's outlets: one dataset event per outlet, recorded before the instance is
 * marked success, so anyone who sees the success can see the event (and the runs it started). A
 * task without outlets calls nothing, so runs of such Dags keep their histories.
 */
final class Outlets {
  private Outlets() {}

  static void emit(
      RunContext ctx, TaskSpec task, int mapIndex, Map<String, Map<String, Object>> extras) {
    List<String> uris = task.outletUris();
    if (uris.isEmpty()) {
      return;
    }
    List<OutletEvent> events = new ArrayList<>();
    for (String uri : uris) {
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
    Workflow.newActivityStub(DatasetActivities.class, Options.bookkeeping())
        .recordOutletEvents(events);
  }
}
