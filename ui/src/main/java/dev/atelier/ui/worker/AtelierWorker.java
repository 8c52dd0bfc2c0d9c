package dev.atelier.ui.worker;

import dev.atelier.activities.ActivitiesConfig;
import dev.atelier.activities.AtelierActivities;
import dev.atelier.activities.pools.PoolActivitiesImpl;
import dev.atelier.activities.pools.TrialCap;
import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.ui.service.Pools;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.schedule.ScheduledRunWorkflowImpl;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.PoolWorkflow;
import dev.atelier.workflows.temporal.TrialSlots;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Polls Atelier's task queue for workflow and activity tasks for as long as the app runs. */
@ApplicationScoped
public class AtelierWorker {
  private static final Logger LOG = Logger.getLogger(AtelierWorker.class);

  private final AtelierConfig config;
  private final WorkflowClient client;
  private final DataSource dataSource;
  private final ScheduledRunActivitiesImpl scheduledRuns;
  private final DatasetActivitiesImpl datasets;
  private final TriggerActivitiesImpl triggers;
  private final ReviewActivitiesImpl reviews;
  private final ChampionEvaluationActivitiesImpl evaluations;
  private final DataRoots dataRoots;
  private final Pools pools;
  private WorkerFactory factory;

  AtelierWorker(
      AtelierConfig config,
      WorkflowClient client,
      DataSource dataSource,
      ScheduledRunActivitiesImpl scheduledRuns,
      DatasetActivitiesImpl datasets,
      TriggerActivitiesImpl triggers,
      ReviewActivitiesImpl reviews,
      ChampionEvaluationActivitiesImpl evaluations,
      DataRoots dataRoots,
      Pools pools) {
    this.pools = pools;
    this.evaluations = evaluations;
    this.config = config;
    this.dataRoots = dataRoots;
    this.client = client;
    this.dataSource = dataSource;
    this.scheduledRuns = scheduledRuns;
    this.datasets = datasets;
    this.triggers = triggers;
    this.reviews = reviews;
  }

  // After the Dag sync and user seeding (lower priorities), so workflows never see a missing Dag.
  public void start(@Observes @Priority(100) StartupEvent event) {
    if (!config.worker().enabled()) {
      LOG.info("Temporal worker disabled (atelier.worker.enabled=false)");
      return;
    }
    ActivitiesConfig activities =
        new ActivitiesConfig(
            config.mlflow().uri(),
            config.launcher(),
            TrainerCommand.forLauncher(config.launcher(), config.root()),
            config.home().toAbsolutePath().normalize().resolve("trials"),
            config.kubernetes().namespace(),
            config.kubernetes().trainerImage(),
            null, // Kueue queue, work claim and trial account: ATELIER_KUEUE_QUEUE,
            null, // ATELIER_WORK_PVC and ATELIER_TRIAL_SERVICE_ACCOUNT (AtelierActivities)
            null,
            dataRoots,
            TrialCap.check(config.trials().maxConcurrent()));
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(AtelierWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    // What Dags' Temporal Schedules start: a firing creates its run through this app.
    worker.registerWorkflowImplementationTypes(ScheduledRunWorkflowImpl.class);
    // Pool sizes: ATELIER_POOLS as the defaults, overlaid by the pools API's edits, read at each
    // slot request (the activities' own PoolActivitiesImpl reads only the environment).
    java.util.List<Object> built =
        AtelierActivities.create(activities, dataSource).stream()
            .map(a -> a instanceof PoolActivitiesImpl ? new PoolActivitiesImpl(pools::sizes) : a)
            .toList();
    worker.registerActivitiesImplementations(built.toArray());
    // EvaluateChampionOperator: the champion is the app's; its evaluation runs as a trial.
    built.stream()
        .filter(dev.atelier.activities.trials.TrialActivitiesImpl.class::isInstance)
        .map(dev.atelier.activities.trials.TrialActivitiesImpl.class::cast)
        .findFirst()
        .ifPresent(evaluations::useTrials);
    worker.registerActivitiesImplementations(scheduledRuns);
    // Tasks' outlets: dataset events and the runs they start, through the app's own services.
    // TriggerDagRunOperator: runs created through the app's admission, like a REST trigger.
    // ReviewOperator: the review room (its rows, the champion) is the app's.
    worker.registerActivitiesImplementations(datasets, triggers, reviews, evaluations);
    factory.start();
    resizeTrialPool(activities.maxConcurrentTrials());
    LOG.infof(
        "Temporal worker polling task queue '%s' on %s (namespace %s, launcher %s, %s)",
        AtelierWorkflows.TASK_QUEUE,
        config.temporal().target(),
        config.temporal().namespace(),
        config.launcher(),
        dataRoots);
  }

  /**
   * A trial pool started under another {@code atelier.trials.max-concurrent} keeps its size until
   * told: this start's size wins (a pool not started yet takes it when its first trial asks).
   */
  private void resizeTrialPool(int slots) {
    try {
      client
          .newWorkflowStub(PoolWorkflow.class, PoolWorkflow.workflowId(TrialSlots.POOL))
          .resize(slots);
    } catch (WorkflowNotFoundException notStarted) {
      // Nothing to resize: the first trial starts the pool with this size.
    } catch (RuntimeException e) {
      LOG.warnf(
          "could not resize pool '%s' to %d slots (it keeps its size until the next start): %s",
          TrialSlots.POOL, slots, e.getMessage());
    }
  }

  /**
   * Fault injection for tests ({@code WorkerCrashTest}): stops this worker as a killed process
   * would stop — no graceful drain, its activity threads interrupted, its launcher's memory gone —
   * so that a following {@link #start} builds a worker that knows nothing of the running trials but
   * what it finds on disk and in Temporal. Trainers are separate processes and train on.
   */
  public void crash() {
    if (factory == null) {
      return;
    }
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    factory = null;
    LOG.warn("Temporal worker crashed on purpose (fault injection)");
  }

  void stop(@Observes ShutdownEvent event) {
    if (factory == null) {
      return;
    }
    // Running activities get a moment to heartbeat their last state before the process ends.
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    LOG.info("Temporal worker stopped");
  }
}
