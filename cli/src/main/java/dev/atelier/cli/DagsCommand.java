package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ./atelier dags ...}: Airflow's {@code airflow dags} commands, over {@code /api/v1}. */
@Command(
    name = "dags",
    mixinStandardHelpOptions = true,
    description = "List, trigger, pause and unpause Dags, and read a run's state.",
    subcommands = {
      DagsList.class,
      DagsTrigger.class,
      DagsPause.Pause.class,
      DagsPause.Unpause.class,
      DagsState.class
    })
final class DagsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a command: list, trigger, pause, unpause or state");
  }

  /** The path of a Dag. */
  static String dagPath(String dagId) {
    return "/api/v1/dags/" + ApiClient.segment(dagId);
  }

  /** The columns a run shows in a table (and its JSON keys). */
  static Map<String, Object> runRow(JsonNode run) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("dag_id", text(run, "dag_id"));
    row.put("dag_run_id", text(run, "dag_run_id"));
    row.put("state", text(run, "state"));
    row.put("logical_date", text(run, "logical_date"));
    row.put("start_date", text(run, "start_date"));
    row.put("end_date", text(run, "end_date"));
    row.put("conf", JsonObjectConverter.JSON.convertValue(run.path("conf"), Object.class));
    return row;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
