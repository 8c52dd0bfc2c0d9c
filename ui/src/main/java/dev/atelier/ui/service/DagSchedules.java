package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.ScheduleIds;
import dev.atelier.workflows.schedule.ScheduledRunInput;
import dev.atelier.workflows.schedule.ScheduledRunWorkflow;
import dev.atelier.workflows.schedule.TemporalSpecs;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One Temporal Schedule per clock-driven Dag ({@code schedule:<dag_id>}), kept equal to the code:
 * created or updated when the app registers its Dags, deleted when the Dag or its schedule goes,
 * paused with the Dag. Each firing starts a {@link ScheduledRunWorkflow} that creates the run
 * through {@link ScheduledRuns}.
 *
 * <p>Catch-up is Airflow's: runs owed since the Dag's last scheduled run (all of them with {@code
 * catchup=True}, only the latest without) are asked of Temporal as a backfill of the Schedule, at
 * registration and at unpause; a firing whose run exists creates nothing.
 */
@ApplicationScoped
public class DagSchedules {
  private static final Logger LOG = Logger.getLogger(DagSchedules.class);

  private final ScheduleClient temporal;
  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private volatile boolean synced;

  DagSchedules(
      ScheduleClient temporal, DagCatalog catalog, DagRepository dags, DagRunRepository runs) {
    this.temporal = temporal;
    this.catalog = catalog;
    this.dags = dags;
    this.runs = runs;
  }

  /** Whether the last {@link #sync()} reached Temporal; the scheduler loop retries until then. */
  public boolean synced() {
    return synced;
  }

  /**
   * Makes Temporal's Schedules match the Dags of the code and catches up what is owed.
   *
   * @throws RuntimeException when Temporal cannot be reached (nothing is half-done that a retry
   *     would not redo)
   */
  public void sync() {
    Set<String> wanted =
        catalog.timetables().stream()
            .filter(DagTimetable::clockDriven)
            .map(t -> ScheduleIds.scheduleId(t.dagId()))
            .collect(Collectors.toSet());
    RuntimeException failure = null;
    for (DagTimetable dag : catalog.timetables()) {
      if (!dag.clockDriven()) {
        continue;
      }
      // One Dag's trouble does not keep the others' Schedules out of step.
      try {
        boolean paused = dags.find(dag.dagId()).map(DagRow::isPaused).orElse(true);
        upsert(dag, paused);
        if (!paused) {
          catchUp(dag);
        }
      } catch (RuntimeException e) {
        LOG.errorf("Temporal Schedule of %s not in step: %s", dag.dagId(), e.getMessage());
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    try (var listed = temporal.listSchedules()) {
      listed
          .map(ScheduleListDescription::getScheduleId)
          .filter(id -> ScheduleIds.dagId(id) != null && !wanted.contains(id))
          .toList()
          .forEach(
              id -> {
                LOG.infof("Deleting Temporal Schedule %s: no Dag of the code is scheduled so", id);
                temporal.getHandle(id).delete();
              });
    }
    synced = true;
    LOG.infof("Temporal Schedules in step with %d clock-driven Dag(s)", wanted.size());
  }

  /** Pauses or unpauses the Dag's Schedule; unpausing catches up what the pause skipped. */
  public void setPaused(String dagId, boolean paused) {
    Optional<DagTimetable> dag = catalog.timetable(dagId).filter(DagTimetable::clockDriven);
    if (dag.isEmpty()) {
      return;
    }
    ScheduleHandle handle = temporal.getHandle(ScheduleIds.scheduleId(dagId));
    if (paused) {
      handle.pause("Dag paused in Atelier");
    } else {
      handle.unpause("Dag unpaused in Atelier");
      catchUp(dag.get());
    }
  }

  /** The Schedule as Temporal describes it (next firings, recent actions), for the UI and tests. */
  public Optional<io.temporal.client.schedules.ScheduleDescription> describe(String dagId) {
    if (catalog.timetable(dagId).filter(DagTimetable::clockDriven).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(temporal.getHandle(ScheduleIds.scheduleId(dagId)).describe());
  }

  private void upsert(DagTimetable dag, boolean paused) {
    ScheduleSpec spec = TemporalSpecs.spec(dag).orElseThrow();
    Schedule schedule =
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(ScheduledRunWorkflow.class)
                    .setArguments(new ScheduledRunInput(dag.dagId()))
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(ScheduleIds.workflowIdBase(dag.dagId()))
                            .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                            .build())
                    .build())
            .setSpec(spec)
            .setPolicy(TemporalSpecs.policy(dag))
            .setState(ScheduleState.newBuilder().setPaused(paused).build())
            .build();
    String id = ScheduleIds.scheduleId(dag.dagId());
    try {
      temporal.createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
      LOG.infof("Created Temporal Schedule %s (%s)", id, dag.timetable().description());
    } catch (ScheduleAlreadyRunningException exists) {
      ScheduleHandle handle = temporal.getHandle(id);
      handle.update(input -> new ScheduleUpdate(schedule));
      // The pause switch is the Dag's, whatever the update kept.
      if (paused) {
        handle.pause("Dag paused in Atelier");
      } else {
        handle.unpause("Dag unpaused in Atelier");
      }
    }
  }

  /** Asks Temporal to fire, now, for every run owed and not created yet. */
  private void catchUp(DagTimetable dag) {
    List<DagRunInfo> due;
    try {
      due =
          dag.timetable()
              .dueRuns(
                  runs.lastAutomatedInterval(dag.dagId()).orElse(null),
                  dag.restriction(),
                  Instant.now());
    } catch (IllegalStateException tooMany) {
      // Said once per start or unpause; the Schedule itself still fires from now on.
      LOG.errorf("Dag %s: no catch-up: %s", dag.dagId(), tooMany.getMessage());
      return;
    }
    if (due.isEmpty()) {
      return;
    }
    Instant first = due.get(0).runAfter();
    Instant last = due.get(due.size() - 1).runAfter();
    // The range's start is exclusive; firings lie on whole seconds.
    temporal
        .getHandle(ScheduleIds.scheduleId(dag.dagId()))
        .backfill(
            List.of(
                new ScheduleBackfill(
                    first.minusMillis(500),
                    last,
                    ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL)));
    LOG.infof(
        "Dag %s owes %d run(s) (%s to %s): backfilled on its Temporal Schedule",
        dag.dagId(), due.size(), due.get(0).logicalDate(), due.get(due.size() - 1).logicalDate());
  }
}
