package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./atelier backfill DAG_ID --start ISO --end ISO [--conf JSON]}: Airflow's backfill,
 * through {@code POST /api/atelier/dags/{dag_id}/backfills}: one run per data interval of the Dag's
 * schedule whose logical date lies in [start, end], started as {@code max_active_runs} allows; runs
 * already there are left alone.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Create a Dag's runs for every data interval in a range (needs role member).")
final class BackfillCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "the Dag")
  String dagId;

  @Option(
      names = "--start",
      required = true,
      paramLabel = "ISO",
      description = "the first logical date, e.g. 2026-01-01T00:00:00Z")
  String start;

  @Option(
      names = "--end",
      required = true,
      paramLabel = "ISO",
      description = "the last logical date, e.g. 2026-01-31T00:00:00Z")
  String end;

  @Option(
      names = {"-c", "--conf"},
      paramLabel = "JSON",
      converter = JsonObjectConverter.class,
      description = "every run's conf, a JSON object")
  JsonObject conf;

  @Mixin Connection connection;
  @Mixin Output output;

  @Override
  public void run() {
    checkDate("--start", start);
    checkDate("--end", end);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from_date", start);
    body.put("to_date", end);
    body.put("dag_run_conf", conf == null ? Map.of() : conf.value());
    JsonNode answer =
        connection
            .client()
            .post("/api/atelier/dags/" + ApiClient.segment(dagId) + "/backfills", body);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode run : answer.path("dag_runs")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dag_run_id", DagsCommand.text(run, "dag_run_id"));
      row.put("data_interval_start", DagsCommand.text(run, "data_interval_start"));
      row.put("data_interval_end", DagsCommand.text(run, "data_interval_end"));
      row.put("state", DagsCommand.text(run, "state"));
      rows.add(row);
    }
    for (JsonNode runId : answer.path("existing_dag_run_ids")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dag_run_id", runId.asText());
      row.put("data_interval_start", null);
      row.put("data_interval_end", null);
      row.put("state", "already there: left alone");
      rows.add(row);
    }
    if (output.json()) {
      output.value(JsonObjectConverter.JSON.convertValue(answer, Object.class));
      return;
    }
    output.line(
        "backfill of "
            + DagsCommand.text(answer, "dag_id")
            + ": "
            + answer.path("total_entries").asInt()
            + " run(s) created");
    output.rows(rows, List.of("dag_run_id", "data_interval_start", "data_interval_end", "state"));
  }

  private void checkDate(String option, String value) {
    try {
      OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + ": '"
              + value
              + "' is not an ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00Z");
    }
  }
}
