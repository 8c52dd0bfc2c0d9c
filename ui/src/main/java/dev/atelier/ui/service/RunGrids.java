package dev.atelier.ui.service;

import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.DagVersionRow;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.workflows.dsl.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a run's {@link RunGrid} from its task instances and the Dag the code defines: tasks in
 * definition order (instances of tasks the code no longer has come last), a mapped task expanded
 * into its map indexes. A task with no instance yet shows as one empty cell.
 */
@ApplicationScoped
public class RunGrids {
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final DagCatalog catalog;
  private final String mlflowUi;
  private final DagVersionRepository versions;

  RunGrids(
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      DagCatalog catalog,
      AtelierConfig config,
      DagVersionRepository versions) {
    this.versions = versions;
    this.runs = runs;
    this.tasks = tasks;
    this.catalog = catalog;
    this.mlflowUi = config.mlflow().uiUri().orElse(config.mlflow().uri()).replaceAll("/+$", "");
  }

  /** Empty when the run does not exist. */
  public Optional<RunGrid> grid(String dagId, String runId) {
    Optional<DagRunRow> run = runs.find(dagId, runId);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<TaskInstanceRow>> byTask = new LinkedHashMap<>();
    for (TaskInstanceRow ti : tasks.list(dagId, runId)) {
      byTask.computeIfAbsent(ti.taskId(), k -> new ArrayList<>()).add(ti);
    }
    List<RunGrid.Row> rows = new ArrayList<>();
    List<TaskSpec> specs = catalog.get(dagId).map(d -> d.toSpec().tasks()).orElse(List.of());
    for (TaskSpec spec : specs) {
      List<TaskInstanceRow> instances = byTask.remove(spec.taskId());
      rows.add(
          new RunGrid.Row(
              spec.taskId(),
              spec.operator(),
              spec.mapped(),
              spec.upstreamTaskIds(),
              cells(instances, spec.mapped())));
    }
    byTask.forEach(
        (taskId, instances) ->
            rows.add(
                new RunGrid.Row(
                    taskId,
                    instances.get(0).operator(),
                    instances.get(0).mapIndex() >= 0,
                    List.of(),
                    cells(instances, false))));
    DagRunRow r = run.get();
    return Optional.of(
        new RunGrid(
            dagId,
            runId,
            r.state(),
            r.runType(),
            r.logicalDateOrRunAfter(),
            r.dataIntervalStart(),
            r.dataIntervalEnd(),
            r.startDate(),
            r.endDate(),
            r.conf(),
            mlflowUi,
            versions.ofRun(dagId, runId).map(RunGrids::version).orElse(null),
            rows));
  }

  private static RunGrid.Version version(DagVersionRow v) {
    return new RunGrid.Version(v.versionNumber(), v.digest(), v.bundleVersion());
  }

  private static List<RunGrid.Cell> cells(List<TaskInstanceRow> instances, boolean mapped) {
    if (instances == null || instances.isEmpty()) {
      // Not reached yet; a mapped task is not expanded until its upstream has run.
      return List.of(new RunGrid.Cell(mapped ? 0 : -1, null, 0, null, null, null, null, null));
    }
    return instances.stream()
        .sorted((a, b) -> Integer.compare(a.mapIndex(), b.mapIndex()))
        .map(
            ti ->
                new RunGrid.Cell(
                    ti.mapIndex(),
                    ti.state(),
                    ti.tryNumber(),
                    ti.startDate(),
                    ti.endDate(),
                    ti.startDate() == null || ti.endDate() == null
                        ? null
                        : Duration.between(ti.startDate(), ti.endDate()).toMillis() / 1000.0,
                    ti.mlflowRunId(),
                    ti.note()))
        .toList();
  }
}
