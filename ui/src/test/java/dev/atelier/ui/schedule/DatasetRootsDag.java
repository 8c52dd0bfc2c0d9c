package dev.atelier.ui.schedule;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;

/**
 * One {@code PrepareDataset} task reading the param {@code images}: a dataset param by the Dag's
 * structure, not by its name. Its runs finish once the folder is scanned.
 */
public final class DatasetRootsDag implements DagDefinition {
  public static final String DAG_ID = "test_dataset_roots";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: dataset folders confined to the data roots")
            .tags("test")
            .params(Params.builder().param("images", Param.string("").minLength(1)).build());
    dag.add(
        new ActivityOperator("scan", OperatorActivities.PREPARE_DATASET)
            .arg("path", param("images"))
            .arg("image_size", 16));
    return dag.build();
  }
}
