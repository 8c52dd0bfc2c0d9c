package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./atelier assets events [--asset URI]}: the newest asset events first ({@code GET
 * /api/v1/datasets/events}), each with the runs it started; {@code --asset} first looks the URI up
 * ({@code GET /api/v1/datasets/{uri}}: an unknown one exits 3).
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "List asset events, newest first, with the Dag runs each started.")
final class AssetsEvents implements Runnable {
  static final List<String> COLUMNS =
      List.of("id", "asset_uri", "source", "timestamp", "created_dagruns", "extra");

  @Option(names = "--asset", paramLabel = "URI", description = "only this asset's events")
  String asset;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "at most N events (1 to 100; default ${DEFAULT-VALUE})")
  int limit;

  @Mixin Connection connection;
  @Mixin Output output;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    if (limit < 1 || limit > 100) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit: " + limit + " is out of range; it must be 1 to 100");
    }
    ApiClient api = connection.client();
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("order_by", "-timestamp");
    query.put("limit", limit);
    if (asset != null) {
      JsonNode dataset = api.get("/api/v1/datasets/" + ApiClient.segment(asset));
      query.put("dataset_id", dataset.path("id").asLong());
    }
    JsonNode page = api.get("/api/v1/datasets/events" + ApiClient.query(query));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode event : page.path("dataset_events")) {
      rows.add(row(event));
    }
    output.rows(rows, COLUMNS);
  }

  private static Map<String, Object> row(JsonNode event) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", event.path("id").asLong());
    row.put("asset_uri", DagsCommand.text(event, "dataset_uri"));
    String dag = DagsCommand.text(event, "source_dag_id");
    row.put(
        "source",
        dag == null
            ? null
            : dag
                + "."
                + DagsCommand.text(event, "source_task_id")
                + " "
                + DagsCommand.text(event, "source_run_id"));
    row.put("timestamp", DagsCommand.text(event, "timestamp"));
    List<String> runs = new ArrayList<>();
    event
        .path("created_dagruns")
        .forEach(r -> runs.add(r.path("dag_id").asText() + "/" + r.path("dag_run_id").asText()));
    row.put("created_dagruns", runs);
    row.put("extra", JsonObjectConverter.JSON.convertValue(event.path("extra"), Object.class));
    return row;
  }
}
