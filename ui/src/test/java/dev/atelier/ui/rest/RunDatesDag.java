package dev.atelier.ui.rest;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.TaskContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Dag {@link RunDatesV2Test} triggers: one task that returns the dates its context holds, so a
 * test can read through XCom what a run without a logical date renders.
 *
 * <pre>
 *   dates
 * </pre>
 */
public final class RunDatesDag implements DagDefinition {
  public static final String DAG_ID = "test_run_dates";

  @Override
  public Dag define() {
    var dag = Dag.builder(DAG_ID).description("ui tests: a run's dates").tags("test");
    dag.add(new FunctionTask("dates", RunDatesDag::dates));
    return dag.build();
  }

  private static Object dates(TaskContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("logical_date", ctx.logicalDate().toString());
    out.put("ds", ctx.ds());
    out.put("data_interval_start", ctx.dataIntervalStart().toString());
    return out;
  }
}
