package dev.atelier.workflows.temporal;

/**
 * The cap on trials running at once across every sweep and Dag run: a built-in pool, {@value
 * #POOL}, that each trial takes one slot of for each try (after its task's own pool, if any, so the
 * two are always taken in the same order and cannot deadlock). The app sizes it ({@code
 * atelier.trials.max-concurrent}) and names it in every run's {@code DagRunInput.trialPool}; a run
 * that names none (started before the cap existed, or by a test) is not capped. A trial waiting for
 * a slot is {@code queued} with {@link #WAITING} as its note.
 */
public final class TrialSlots {
  /** The built-in pool's name; {@code ATELIER_POOLS} may not size it. */
  public static final String POOL = "atelier_trials";

  /** The setting that sizes it. */
  public static final String SETTING = "atelier.trials.max-concurrent";

  /** The note of a trial waiting for a slot. */
  public static final String WAITING =
      "waiting for a trial slot: at most " + SETTING + " trials run at once (pool '" + POOL + "')";

  private TrialSlots() {}
}
