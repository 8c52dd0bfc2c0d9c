package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./atelier dags state DAG_ID RUN_ID}: as Airflow's {@code dags state}, the run's state
 * alone on a line (queued, running, success, failed); with {@code -o json} the run's fields.
 */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = "Print a Dag run's state: queued, running, success or failed.")
final class DagsState implements Runnable {
  @Parameters(index = "0", paramLabel = "DAG_ID", description = "the Dag")
  String dagId;

  @Parameters(index = "1", paramLabel = "RUN_ID", description = "the run (its dag_run_id)")
  String runId;

  @Mixin Connection connection;
  @Mixin Output output;

  @Override
  public void run() {
    JsonNode run =
        connection
            .client()
            .get(DagsCommand.dagPath(dagId) + "/dagRuns/" + ApiClient.segment(runId));
    if (output.json()) {
      output.value(DagsCommand.runRow(run));
    } else {
      output.line(DagsCommand.text(run, "state"));
    }
  }
}
