package dev.atelier.workflows.dsl;

/**
 * The largest numbers and lists a client may send when it starts runs, in one place. A trigger
 * whose conf goes past one is refused with a 400 naming the field, the value and the maximum, and
 * nothing is stored; the demo Dags' params use these as their {@code maximum}, and every array or
 * string param is capped by {@link Param} itself. The README's "Limits" paragraph lists them.
 */
public final class Limits {
  /** Training steps (and step counts such as {@code sample_every}) of one trial. */
  public static final int MAX_STEPS = 200_000;

  /** GPUs one trial may ask for. */
  public static final int MAX_GPUS = 8;

  /** Trials of one sweep running at the same time (the {@code max_parallel_trials} param). */
  public static final int MAX_PARALLEL_TRIALS = 32;

  /** Trials one mapped sweep expands to (the product of its mapped lists' lengths). */
  public static final int MAX_TRIALS_PER_SWEEP = 256;

  /** Items of any list param ({@code learning_rates}, {@code latent_dims}, ...). */
  public static final int MAX_LIST_ITEMS = 64;

  /** Characters of any string param. */
  public static final int MAX_STRING_LENGTH = 4096;

  /** Bytes of a dataset event's {@code extra}, as JSON. */
  public static final int MAX_EXTRA_BYTES = 16 * 1024;

  /**
   * Triggering dataset events one run's conf carries: the newest of each dataset, then the newest
   * of the rest. A run still consumes every queued event (they stay linked to it); this bounds the
   * conf, which travels in Temporal payloads.
   */
  public static final int MAX_EVENTS_PER_RUN = 32;

  private Limits() {}
}
