package dev.atelier.ui.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the platform's services live and how trials run. */
@ConfigMapping(prefix = "atelier")
public interface AtelierConfig {
  Temporal temporal();

  Mlflow mlflow();

  /** {@code local} (trainer processes on this machine) or {@code kubernetes}. */
  String launcher();

  /** The {@code .atelier} directory; trial work dirs live under {@code home/trials}. */
  Path home();

  /** The repository root, where the trainer's jar and class path file are found. */
  Path root();

  /**
   * Where datasets may come from ({@code ATELIER_DATA_ROOTS}, see {@link
   * dev.atelier.workflows.data.DataRoots}); empty: any folder the worker can read for local trials,
   * none for Kubernetes ones.
   */
  Optional<String> dataRoots();

  Worker worker();

  Kubernetes kubernetes();

  Scheduler scheduler();

  Datasets datasets();

  Trials trials();

  Artifacts artifacts();

  /** The Temporal frontend. */
  interface Temporal {
    /** host:port */
    String target();

    String namespace();
  }

  /** The MLflow tracking server. */
  interface Mlflow {
    String uri();

    /**
     * Where browsers reach MLflow's web UI, when not at {@link #uri()} (e.g. behind an ingress).
     */
    Optional<String> uiUri();
  }

  /** Whether this process also runs the Temporal worker (the default: one process does all). */
  interface Worker {
    boolean enabled();
  }

  /** Used only by the Kubernetes launcher. */
  interface Kubernetes {
    String namespace();

    String trainerImage();
  }

  /** The scheduler loop (max_active_runs admission, dataset triggers). */
  interface Scheduler {
    /** How often it runs, as Quarkus's {@code @Scheduled(every)} reads it ({@code 2s}). */
    String every();
  }

  /** Trials across every sweep and Dag run ({@code TrialSlots}, {@code TrialCap}). */
  interface Trials {
    /**
     * How many run at once ({@code ATELIER_MAX_CONCURRENT_TRIALS}, default 8); the others wait
     * {@code queued} for a slot of the built-in pool {@code atelier_trials}.
     */
    int maxConcurrent();
  }

  /** The pages' artifact proxy ({@code GET /api/atelier/runs/{id}/artifacts/{path}}). */
  interface Artifacts {
    /**
     * The largest artifact it passes on ({@code ATELIER_ARTIFACT_MAX_BYTES}, default 32 MiB); a
     * larger one is a 400 naming the path and this limit, to be fetched from MLflow itself.
     */
    long maxBytes();
  }

  /** The dataset watcher ({@code DatasetWatcher}). */
  interface Datasets {
    /** How often it lists each source, as {@code @Scheduled(every)} reads it ({@code 2s}). */
    String watchEvery();
  }
}
