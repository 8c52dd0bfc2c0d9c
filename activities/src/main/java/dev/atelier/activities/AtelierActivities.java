package dev.atelier.activities;

import dev.atelier.activities.functions.TaskFunctionActivitiesImpl;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.jobs.KubernetesJobManifest;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.jobs.TrainerResources;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.activities.operators.OperatorActivitiesImpl;
import dev.atelier.activities.persistence.PersistenceActivitiesImpl;
import dev.atelier.activities.podjobs.KubernetesJobActivitiesImpl;
import dev.atelier.activities.podjobs.KubernetesPodJobs;
import dev.atelier.activities.podjobs.LocalPodJobs;
import dev.atelier.activities.podjobs.PodJobs;
import dev.atelier.activities.pools.PoolActivitiesImpl;
import dev.atelier.activities.sensors.SensorActivitiesImpl;
import dev.atelier.activities.trials.TrialActivitiesImpl;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.mlflow.tracking.MlflowClient;

/** Builds every activity implementation a worker registers. */
public final class AtelierActivities {
  /** How long a local trainer gets after SIGTERM to write its checkpoint before it is killed. */
  static final Duration LOCAL_GRACE_PERIOD = Duration.ofSeconds(30);

  static final Duration POLL_EVERY = Duration.ofSeconds(1);

  private AtelierActivities() {}

  /**
   * The implementations of the interfaces in {@code dev.atelier.workflows.activities}, except those
   * the app implements over its own services (TriggerActivities, DatasetActivities).
   */
  public static List<Object> create(ActivitiesConfig config, DataSource dataSource) {
    MlflowClient mlflow = new MlflowClient(config.mlflowTrackingUri());
    boolean local = isLocal(config.launcher());
    TrialActivitiesImpl trials =
        new TrialActivitiesImpl(
            mlflow,
            launcher(config),
            config.workDir(),
            config.mlflowTrackingUri(),
            // Trials that share this machine split its cores; a Job gets its own node's.
            local
                ? OptionalInt.of(Math.max(1, Runtime.getRuntime().availableProcessors() / 2))
                : OptionalInt.empty(),
            POLL_EVERY);
    // Task functions come from the Dags this worker loaded. TriggerActivities and DatasetActivities
    // need the app's run and dataset services: the app registers them.
    DagBag dags = DagBag.load();
    return List.of(
        new OperatorActivitiesImpl(mlflow, dataRoots(config), config.launcher()),
        trials,
        new TrackingActivitiesImpl(mlflow),
        new PersistenceActivitiesImpl(dataSource),
        new TaskFunctionActivitiesImpl(TaskFunctionRegistry.of(dags.all())),
        PoolActivitiesImpl.fromEnvironment(),
        new SensorActivitiesImpl(dataSource),
        new KubernetesJobActivitiesImpl(podJobs(config), config.kubernetesNamespace(), POLL_EVERY));
  }

  /**
   * Where KubernetesJobOperator tries run: the configured launcher's place, a cluster's Jobs or
   * local processes (logs in {@code k8s-jobs/} beside the trials folder).
   */
  public static PodJobs podJobs(ActivitiesConfig config) {
    if (isLocal(config.launcher())) {
      return new LocalPodJobs(config.workDir().resolveSibling("k8s-jobs"));
    }
    if (config.launcher().equals("kubernetes")) {
      return new KubernetesPodJobs(new KubernetesClientBuilder().build());
    }
    throw new IllegalArgumentException(
        "launcher: '" + config.launcher() + "' is not one of [local, kubernetes]");
  }

  /** The configured launcher: {@code local} (the default) or {@code kubernetes}. */
  public static JobLauncher launcher(ActivitiesConfig config) {
    if (isLocal(config.launcher())) {
      Path djlCache = atelierHome(config).resolve("djl");
      return new LocalProcessJobLauncher(
          config.trainerCommand(),
          LocalProcessJobLauncher.trainerEnvironment(djlCache),
          LOCAL_GRACE_PERIOD);
    }
    if (config.launcher().equals("kubernetes")) {
      return new KubernetesJobLauncher(
          new KubernetesClientBuilder().build(),
          config.kubernetesNamespace() == null ? "default" : config.kubernetesNamespace(),
          new KubernetesJobManifest(
              config.trainerCommand(), config.trainerImage(), TrainerResources.defaults()));
    }
    throw new IllegalArgumentException(
        "launcher: '" + config.launcher() + "' is not one of [local, kubernetes]");
  }

  /** The configured data roots, else {@code $ATELIER_DATA_ROOTS}. */
  static DataRoots dataRoots(ActivitiesConfig config) {
    return config.dataRoots() != null ? config.dataRoots() : DataRoots.fromEnvironment();
  }

  private static boolean isLocal(String launcher) {
    return launcher == null || launcher.isBlank() || launcher.equals("local");
  }

  /** DJL's natives unpack once per installation: under ATELIER_HOME, else beside the trials. */
  private static Path atelierHome(ActivitiesConfig config) {
    String home = System.getenv("ATELIER_HOME");
    return home != null && !home.isBlank() ? Path.of(home) : config.workDir();
  }
}
