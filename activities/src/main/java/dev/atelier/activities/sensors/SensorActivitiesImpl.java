package dev.atelier.activities.sensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.DatasetPoke;
import dev.atelier.workflows.activities.ExternalTaskPoke;
import dev.atelier.workflows.activities.PokeResult;
import dev.atelier.workflows.activities.SensorActivities;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Pokes over the rows the API reads: task instances, Dag runs, dataset events. */
public final class SensorActivitiesImpl implements SensorActivities {
  static final String TASK_STATES =
      """
      select ti.state from task_instance ti
      join dag_run r on r.dag_id = ti.dag_id and r.run_id = ti.run_id
      where ti.dag_id = ? and ti.task_id = ? and r.logical_date = ?
      order by ti.map_index
      """;
  static final String RUN_STATES =
      "select state from dag_run where dag_id = ? and logical_date = ?";
  static final String NEWEST_EVENT =
      """
      select e.id, e.created_at, e.extra::text as extra from dataset_event e
      join dataset d on d.id = e.dataset_id
      where d.uri = ? and e.created_at > ?
      order by e.created_at desc, e.id desc limit 1
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataSource dataSource;

  public SensorActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public PokeResult pokeExternalTask(ExternalTaskPoke poke) {
    String what =
        poke.taskId() == null ? "run of " + poke.dagId() : poke.dagId() + "." + poke.taskId();
    List<String> states =
        poke.taskId() == null
            ? strings(RUN_STATES, poke.dagId(), null, poke.logicalDate())
            : strings(TASK_STATES, poke.dagId(), poke.taskId(), poke.logicalDate());
    String seen = what + " at " + poke.logicalDate() + ": " + states;
    if (states.isEmpty()) {
      return PokeResult.waiting(what + " at " + poke.logicalDate() + " has not started");
    }
    if (states.stream().anyMatch(poke.failedStates()::contains)) {
      return PokeResult.failed("the watched " + seen + " ended in a failed state");
    }
    return states.stream().allMatch(poke.allowedStates()::contains)
        ? PokeResult.done(seen, null)
        : PokeResult.waiting(seen);
  }

  @Override
  public PokeResult pokeDataset(DatasetPoke poke) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(NEWEST_EVENT)) {
      s.setString(1, poke.uri());
      s.setObject(2, OffsetDateTime.parse(poke.since()));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return PokeResult.waiting("no event of " + poke.uri() + " after " + poke.since());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("uri", poke.uri());
        event.put("event_id", rs.getLong("id"));
        event.put("created_at", rs.getObject("created_at", OffsetDateTime.class).toString());
        event.put("extra", JSON.readValue(rs.getString("extra"), Map.class));
        return PokeResult.done("event " + rs.getLong("id") + " of " + poke.uri(), event);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not read events of " + poke.uri() + ": " + e, e);
    }
  }

  private List<String> strings(String sql, String dagId, String taskId, String logicalDate) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setString(i++, dagId);
      if (taskId != null) {
        s.setString(i++, taskId);
      }
      s.setObject(i, OffsetDateTime.parse(logicalDate));
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the state of " + dagId + ": " + e, e);
    }
  }
}
