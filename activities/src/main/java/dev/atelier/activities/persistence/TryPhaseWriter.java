package dev.atelier.activities.persistence;

import dev.atelier.workflows.activities.TaskInstanceTry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The one write of a try's phase that does not come from the workflow: an activity waiting for a
 * Kubernetes Job moves the instance's row between {@code queued} (the Job is suspended until Kueue
 * admits it, again after an eviction; the note says why, in Kueue's words) and {@code running}.
 *
 * <p>It is a compare-and-set, not the workflow's upsert: it changes the row only while it is at the
 * same try and says queued or running. The workflow writes every other state unconditionally (its
 * up_for_retry, success, failed, cancelled), so once it has, no phase write of that try lands — not
 * one that PostgreSQL happens to order after it, nor one from a wait the workflow stopped waiting
 * for (a cancelled or timed-out try polls once more before it hears so), nor one from an earlier
 * try. Going from queued to running clears the note, which then held only Kueue's reason; the
 * workflow's own note (a retry's reason) is left alone otherwise. Start and end dates stay as the
 * workflow set them: the try started when it was launched, and has not ended.
 */
public final class TryPhaseWriter implements TryPhases {
  static final Set<String> PHASES = Set.of("queued", "running");

  static final String UPDATE_PHASE =
      """
      update task_instance
         set state = ?,
             note  = case when ? = 'queued' then ?
                          when state = 'queued' then null
                          else note end
       where dag_id = ? and run_id = ? and task_id = ? and map_index = ?
         and try_number = ? and state in ('queued', 'running')
      """;

  private final DataSource dataSource;

  public TryPhaseWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean record(TaskInstanceTry instance, String state, String note) {
    if (!PHASES.contains(state)) {
      throw new IllegalArgumentException(
          "state: '" + state + "' must be one of [queued, running] (a try's phase)");
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(UPDATE_PHASE)) {
      s.setString(1, state);
      s.setString(2, state);
      s.setString(3, note);
      s.setString(4, instance.dagId());
      s.setString(5, instance.runId());
      s.setString(6, instance.taskId());
      s.setInt(7, instance.mapIndex());
      s.setInt(8, instance.tryNumber());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not record "
              + state
              + " for task instance "
              + instance.dagId()
              + "/"
              + instance.runId()
              + "/"
              + instance.taskId()
              + "["
              + instance.mapIndex()
              + "] try "
              + instance.tryNumber()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
