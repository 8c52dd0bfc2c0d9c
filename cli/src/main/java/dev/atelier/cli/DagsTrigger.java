package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./atelier dags trigger DAG_ID}: a manual run ({@code POST .../dagRuns}). */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = "Start a run of a Dag now (needs role member).")
final class DagsTrigger implements Runnable {
  /** Airflow's allowed run ids (its default {@code RUN_ID_REGEX}). */
  static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.~:+-]+");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "the Dag")
  String dagId;

  @Option(
      names = {"-c", "--conf"},
      paramLabel = "JSON",
      converter = JsonObjectConverter.class,
      description = "the run's conf, a JSON object (overrides the Dag's params)")
  JsonObject conf;

  @Option(
      names = {"-r", "--run-id"},
      paramLabel = "ID",
      description = "the run's id (default: manual__<logical date>)")
  String runId;

  @Mixin Connection connection;
  @Mixin Output output;

  @Override
  public void run() {
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--run-id: '"
              + runId
              + "' has characters a run id may not hold; it must match "
              + RUN_ID.pattern());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    body.put("conf", conf == null ? Map.of() : conf.value());
    JsonNode run = connection.client().post(DagsCommand.dagPath(dagId) + "/dagRuns", body);
    Map<String, Object> row = DagsCommand.runRow(run);
    output.rows(List.of(row), List.of("dag_id", "dag_run_id", "state", "logical_date", "conf"));
  }
}
