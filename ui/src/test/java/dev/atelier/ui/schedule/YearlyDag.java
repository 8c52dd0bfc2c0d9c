package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import java.time.Instant;

/** Runs every 1 January since 2020 ({@code catchup=False}), one at a time: for backfills. */
public final class YearlyDag implements DagDefinition {
  public static final String DAG_ID = "test_yearly";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: backfill")
            .schedule("0 0 1 1 *")
            .startDate(Instant.parse("2020-01-01T00:00:00Z"))
            .catchup(false)
            .maxActiveRuns(1)
            .tags("test");
    dag.add(new EmptyOperator("year_end"));
    return dag.build();
  }
}
