package dev.atelier.activities;

import dev.atelier.activities.datasets.BucketMirror;
import dev.atelier.activities.datasets.S3Settings;
import dev.atelier.activities.datasets.TrialDatasets;
import dev.atelier.activities.functions.TaskFunctionActivitiesImpl;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.jobs.TrainerAllocator;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.activities.operators.KubernetesJobActivitiesImpl;
import dev.atelier.activities.operators.OperatorActivitiesImpl;
import dev.atelier.activities.persistence.PersistenceActivitiesImpl;
import dev.atelier.activities.persistence.TryPhaseWriter;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.activities.pools.PoolActivitiesImpl;
import dev.atelier.activities.pools.TrialCap;
import dev.atelier.activities.sensors.SensorActivitiesImpl;
import dev.atelier.activities.trials.SweepReports;
import dev.atelier.activities.trials.TrainerResources;
import dev.atelier.activities.trials.TrialActivitiesImpl;
import dev.atelier.activities.trials.TrialJobSettings;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import javax.sql.DataSource;
import org.mlflow.tracking.MlflowClient;

/**
 * Builds every activity implementation a worker registers, and the one {@link JobLauncher} that
 * trials and KubernetesJobOperator tries share.
 *
 * <p>Settings left null in {@link ActivitiesConfig} are read from the environment:
 *
 * <ul>
 *   <li>{@code ATELIER_KUEUE_QUEUE}: the Kueue LocalQueue for Jobs that name none (unset: Jobs
 *       start at once, unsuspended);
 *   <li>{@code ATELIER_WORK_PVC}: the PersistentVolumeClaim for trial folders (unset: an emptyDir);
 *   <li>{@code ATELIER_TRIAL_SERVICE_ACCOUNT}: the ServiceAccount of trial pods (unset: the
 *       namespace's default; trial pods get no API token either way);
 *   <li>{@code ATELIER_HOME}: where the local trainer's DJL natives unpack, once (unset: beside the
 *       trials);
 *   <li>{@code ATELIER_TRAINER_ALLOCATOR}: {@code glibc} to run local trainers without jemalloc
 *       ({@link TrainerAllocator});
 *   <li>{@code ATELIER_MAX_CONCURRENT_TRIALS}: trials at once across every sweep and run ({@link
 *       TrialCap}, default 8).
 * </ul>
 *
 * The app's own settings fill the rest ({@code ATELIER_LAUNCHER}, {@code ATELIER_K8S_NAMESPACE},
 * {@code ATELIER_TRAINER_IMAGE}, {@code ATELIER_MLFLOW_URI}; see the ui's application.properties).
 */
public final class AtelierActivities {
  /** How long a local trainer gets after SIGTERM to write its checkpoint before it is killed. */
  static final Duration LOCAL_GRACE_PERIOD = Duration.ofSeconds(30);

  static final Duration POLL_EVERY = Duration.ofSeconds(1);

  /**
   * DJL unpacks its natives under its cache folder; a trial pod's root filesystem is read-only, so
   * that folder is on the pod's /tmp emptyDir.
   */
  static final String POD_DJL_CACHE_DIR = "/tmp/djl";

  private AtelierActivities() {}

  /**
   * The implementations of the interfaces in {@code dev.atelier.workflows.activities}, except those
   * the app implements over its own services (TriggerActivities, DatasetActivities).
   */
  public static List<Object> create(ActivitiesConfig config, DataSource dataSource) {
    return create(config, dataSource, System::getenv);
  }

  static List<Object> create(
      ActivitiesConfig config, DataSource dataSource, Function<String, String> env) {
    MlflowClient mlflow = new MlflowClient(config.mlflowTrackingUri());
    JobLauncher launcher = launcher(config, env);
    boolean local = isLocal(config.launcher());
    // Waits show a Job queued for Kueue, or running, on its task instance.
    TryPhases phases = new TryPhaseWriter(dataSource);
    TrialActivitiesImpl trials =
        new TrialActivitiesImpl(
            mlflow,
            launcher,
            trialJobs(config, env),
            config.workDir(),
            config.mlflowTrackingUri(),
            // Trials that share this machine split its cores; a Job gets its own node's.
            local
                ? OptionalInt.of(Math.max(1, Runtime.getRuntime().availableProcessors() / 2))
                : OptionalInt.empty(),
            POLL_EVERY,
            phases,
            // A searching sweep hears its trials' evaluations through this worker's client.
            SweepReports.viaWorker(),
            // Each trial's run names the dataset version it trains on.
            new TrialDatasets(dataSource));
    // Task functions come from the Dags this worker loaded. TriggerActivities and DatasetActivities
    // need the app's run and dataset services: the app registers them.
    DagBag dags = DagBag.load();
    return List.of(
        new OperatorActivitiesImpl(
            mlflow,
            dataRoots(config),
            config.launcher(),
            s3(env),
            // s3:// datasets are copied here, one folder per content digest, for local trials.
            new BucketMirror(config.workDir().resolveSibling("bucket-mirror"))),
        trials,
        new TrackingActivitiesImpl(mlflow),
        new PersistenceActivitiesImpl(dataSource),
        new TaskFunctionActivitiesImpl(TaskFunctionRegistry.of(dags.all())),
        PoolActivitiesImpl.withTrialCap(TrialCap.of(config.maxConcurrentTrials(), env)),
        new SensorActivitiesImpl(dataSource),
        new KubernetesJobActivitiesImpl(launcher, POLL_EVERY, phases));
  }

  /**
   * The configured launcher, for trials and KubernetesJobOperator tries alike: {@code local} (the
   * default; operator tasks log in {@code k8s-jobs/} beside the trials folder) or {@code
   * kubernetes}.
   */
  public static JobLauncher launcher(ActivitiesConfig config) {
    return launcher(config, System::getenv);
  }

  static JobLauncher launcher(ActivitiesConfig config, Function<String, String> env) {
    if (isLocal(config.launcher())) {
      return new LocalProcessJobLauncher(
          config.workDir().resolveSibling("k8s-jobs"), LOCAL_GRACE_PERIOD);
    }
    requireKnown(config.launcher());
    return new KubernetesJobLauncher(
        new KubernetesClientBuilder().build(),
        new JobManifest(
            config.kubernetesNamespace(),
            setting(config.kueueQueue(), "ATELIER_KUEUE_QUEUE", env)));
  }

  /**
   * The S3-compatible server {@code s3://} datasets come from: {@code ATELIER_S3_ENDPOINT}, {@code
   * ATELIER_S3_REGION}, {@code ATELIER_S3_ACCESS_KEY}, {@code ATELIER_S3_SECRET_KEY} (the app's own
   * {@code atelier.s3.*} defaults); null without an endpoint.
   */
  static S3Settings s3(Function<String, String> env) {
    String endpoint = env.apply("ATELIER_S3_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    return new S3Settings(
        endpoint,
        env.apply("ATELIER_S3_REGION"),
        java.util.Objects.requireNonNullElse(env.apply("ATELIER_S3_ACCESS_KEY"), ""),
        java.util.Objects.requireNonNullElse(env.apply("ATELIER_S3_SECRET_KEY"), ""));
  }

  /** What every trial's job starts from on the configured launcher. */
  static TrialJobSettings trialJobs(ActivitiesConfig config, Function<String, String> env) {
    if (isLocal(config.launcher())) {
      return TrialJobSettings.local(config.trainerCommand(), localTrainerEnvironment(config, env));
    }
    requireKnown(config.launcher());
    return TrialJobSettings.kubernetes(
        config.trainerCommand(),
        config.trainerImage(),
        TrainerResources.defaults(),
        Map.of(
            "DJL_OFFLINE", "true",
            "OPT_OUT_TRACKING", "true",
            "DJL_CACHE_DIR", POD_DJL_CACHE_DIR),
        setting(config.workClaim(), "ATELIER_WORK_PVC", env),
        setting(config.trialServiceAccount(), "ATELIER_TRIAL_SERVICE_ACCOUNT", env));
  }

  /**
   * The environment DESIGN.md asks for: DJL offline and without telemetry, natives unpacked once
   * under ATELIER_HOME (an inherited DJL_CACHE_DIR wins, as in {@code ./atelier train}), plus the
   * {@link TrainerAllocator}'s.
   */
  static Map<String, String> localTrainerEnvironment(
      ActivitiesConfig config, Function<String, String> env) {
    String home = env.apply("ATELIER_HOME");
    Path djlCache =
        (home != null && !home.isBlank() ? Path.of(home) : config.workDir()).resolve("djl");
    String inherited = env.apply("DJL_CACHE_DIR");
    Map<String, String> out = new HashMap<>(TrainerAllocator.environment());
    out.put("DJL_OFFLINE", "true");
    out.put("OPT_OUT_TRACKING", "true");
    out.put("DJL_CACHE_DIR", inherited != null ? inherited : djlCache.toString());
    return Map.copyOf(out);
  }

  /** The configured value, else the environment's; blank counts as unset. */
  private static String setting(String configured, String variable, Function<String, String> env) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String value = env.apply(variable);
    return value == null || value.isBlank() ? null : value;
  }

  private static void requireKnown(String launcher) {
    if (!launcher.equals("kubernetes")) {
      throw new IllegalArgumentException(
          "launcher: '" + launcher + "' is not one of [local, kubernetes]");
    }
  }

  /** The configured data roots, else {@code $ATELIER_DATA_ROOTS}. */
  static DataRoots dataRoots(ActivitiesConfig config) {
    return config.dataRoots() != null ? config.dataRoots() : DataRoots.fromEnvironment();
  }

  private static boolean isLocal(String launcher) {
    return launcher == null || launcher.isBlank() || launcher.equals("local");
  }
}
