package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./atelier dags pause|unpause DAG_ID}: Airflow's PATCH of {@code is_paused}. A paused Dag
 * starts no scheduled runs; manual triggers still run.
 */
abstract class DagsPause implements Runnable {
  @Parameters(index = "0", paramLabel = "DAG_ID", description = "the Dag")
  String dagId;

  @Mixin Connection connection;
  @Mixin Output output;

  abstract boolean paused();

  @Override
  public void run() {
    JsonNode dag =
        connection
            .client()
            .patch(
                DagsCommand.dagPath(dagId) + "?update_mask=is_paused",
                Map.of("is_paused", paused()));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("dag_id", DagsCommand.text(dag, "dag_id"));
    row.put("is_paused", dag.path("is_paused").asBoolean());
    output.rows(List.of(row), List.of("dag_id", "is_paused"));
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause a Dag: no more scheduled runs (needs role lead).")
  static final class Pause extends DagsPause {
    @Override
    boolean paused() {
      return true;
    }
  }

  @Command(
      name = "unpause",
      mixinStandardHelpOptions = true,
      description = "Unpause a Dag: its schedule runs again (needs role lead).")
  static final class Unpause extends DagsPause {
    @Override
    boolean paused() {
      return false;
    }
  }
}
