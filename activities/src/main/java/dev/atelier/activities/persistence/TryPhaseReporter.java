package dev.atelier.activities.persistence;

import dev.atelier.activities.jobs.JobState;
import dev.atelier.workflows.activities.TaskInstanceTry;
import java.lang.System.Logger.Level;

/**
 * Shows the phase of the job one try waits for on its task instance, fed every state the wait
 * polls: a Job suspended for Kueue (before admission, or evicted) as {@code queued} with Kueue's
 * reason as the note, an admitted one (pending or running) as {@code running}. It writes only when
 * what the row should say changes (a new reason counts), so a wait of hours costs a few writes.
 *
 * <p>A write that fails is logged and tried again at the next poll: the database blinking must not
 * fail a trial. Once the row has moved on (the workflow recorded the try's end, or another try), it
 * writes nothing more.
 */
public final class TryPhaseReporter {
  private static final System.Logger LOG = System.getLogger(TryPhaseReporter.class.getName());

  private final TryPhases phases;
  private final TaskInstanceTry instance;
  private String shown;
  private boolean over;

  /**
   * @param instance the try being waited for; null (a wait from before tries were passed) reports
   *     nothing
   */
  public TryPhaseReporter(TryPhases phases, TaskInstanceTry instance) {
    this.phases = phases;
    this.instance = instance;
  }

  /** A state the wait saw that is not an ending. */
  public void seen(JobState state) {
    if (state.ended()) {
      return;
    }
    if (state.phase() == JobState.Phase.QUEUED) {
      show("queued", state.reason());
    } else {
      show("running", null);
    }
  }

  /**
   * The job's ending. A job that succeeded ran, even when no poll saw it running, so a row that
   * still shows Kueue's reason shows running first: the workflow's success keeps the note it finds.
   * Any other ending gets the workflow's own note.
   */
  public void ended(JobState state) {
    if (state.phase() == JobState.Phase.SUCCEEDED && shown != null && shown.startsWith("queued")) {
      show("running", null);
    }
  }

  private void show(String state, String note) {
    String what = note == null ? state : state + ": " + note;
    if (instance == null || over || what.equals(shown)) {
      return;
    }
    try {
      if (phases.record(instance, state, note)) {
        shown = what;
      } else {
        over = true;
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not show " + what + " on its task instance; trying again at the next poll",
          e);
    }
  }
}
