package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.DagCatalog;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.TaskSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code /api/v2/dags/{dag_id}/tasks}: a Dag's tasks as the code defines them. */
@Path("/api/v2/dags/{dag_id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksV2Resource {
  private static final Map<String, Comparator<TaskResponse>> ORDER =
      Map.of(
          "task_id", by(TaskResponse::taskId),
          "operator_name", by(TaskResponse::operatorName),
          "trigger_rule", by(TaskResponse::triggerRule),
          "pool", by(TaskResponse::pool));

  private final DagCatalog catalog;

  TasksV2Resource(DagCatalog catalog) {
    this.catalog = catalog;
  }

  /** {@code order_by}: one attribute, {@code -name} for descending; {@code task_id} by default. */
  @GET
  @RolesAllowed("viewer")
  public TaskCollectionResponse list(
      @PathParam("dag_id") String dagId, @QueryParam("order_by") String orderBy) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    String order = orderBy == null || orderBy.isEmpty() ? "task_id" : orderBy;
    boolean descending = order.startsWith("-");
    Comparator<TaskResponse> comparator = ORDER.get(descending ? order.substring(1) : order);
    if (comparator == null) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.query("order_by"),
              orderBy.replace("\0", "\\u0000"),
              "is not an attribute tasks can be ordered by; use one of "
                  + ORDER.keySet().stream().sorted().toList()
                  + ", with a leading '-' for descending"));
    }
    checks.throwIfAny();
    Dag dag = catalog.get(dagId).orElseThrow(() -> NotFound.dag(dagId));
    List<TaskResponse> tasks =
        dag.toSpec().tasks().stream()
            .map(t -> TaskResponse.of(dag, t))
            .sorted(descending ? comparator.reversed() : comparator)
            .toList();
    return new TaskCollectionResponse(tasks, tasks.size());
  }

  @GET
  @Path("/{task_id}")
  @RolesAllowed("viewer")
  public TaskResponse get(@PathParam("dag_id") String dagId, @PathParam("task_id") String taskId) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    checks.id("task_id", taskId);
    checks.throwIfAny();
    Dag dag = catalog.get(dagId).orElseThrow(() -> NotFound.dag(dagId));
    TaskSpec spec =
        dag.toSpec().tasks().stream()
            .filter(t -> t.taskId().equals(taskId))
            .findFirst()
            .orElseThrow(() -> NotFound.task(dagId, taskId));
    return TaskResponse.of(dag, spec);
  }

  private static Comparator<TaskResponse> by(Function<TaskResponse, String> key) {
    return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(TaskResponse::taskId);
  }
}
