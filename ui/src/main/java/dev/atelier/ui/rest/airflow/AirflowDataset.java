package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DatasetRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Airflow's Dataset. No Dag declares datasets as its schedule or a task's outlets yet, so {@code
 * consuming_dags} and {@code producing_tasks} are empty.
 */
public record AirflowDataset(
    long id,
    String uri,
    Map<String, Object> extra,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<Object> consumingDags,
    List<Object> producingTasks) {

  static AirflowDataset of(DatasetRow row) {
    return new AirflowDataset(
        row.id(), row.uri(), row.extra(), row.createdAt(), row.updatedAt(), List.of(), List.of());
  }
}
