package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./atelier dags list}: every Dag the app knows, page by page ({@code GET /api/v1/dags}).
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the Dags: id, paused, schedule, tags, next run.")
final class DagsList implements Runnable {
  static final int PAGE = 100;
  static final List<String> COLUMNS =
      List.of("dag_id", "is_paused", "schedule", "tags", "next_dagrun");

  @Mixin Connection connection;
  @Mixin Output output;

  @Override
  public void run() {
    ApiClient api = connection.client();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      JsonNode page = api.get("/api/v1/dags?limit=" + PAGE + "&offset=" + offset);
      for (JsonNode dag : page.path("dags")) {
        rows.add(row(dag));
      }
      if (page.path("dags").size() < PAGE || rows.size() >= page.path("total_entries").asInt()) {
        break;
      }
    }
    output.rows(rows, COLUMNS);
  }

  private static Map<String, Object> row(JsonNode dag) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("dag_id", DagsCommand.text(dag, "dag_id"));
    row.put("is_paused", dag.path("is_paused").asBoolean());
    row.put("schedule", schedule(dag.path("schedule_interval")));
    List<String> tags = new ArrayList<>();
    dag.path("tags").forEach(t -> tags.add(t.path("name").asText()));
    row.put("tags", tags);
    row.put("next_dagrun", DagsCommand.text(dag, "next_dagrun"));
    return row;
  }

  /** A cron expression or preset as it is; a fixed interval as Airflow prints a timedelta. */
  static String schedule(JsonNode interval) {
    if (interval.isMissingNode() || interval.isNull()) {
      return "None";
    }
    if (interval.hasNonNull("value")) {
      return interval.get("value").asText();
    }
    long seconds = interval.path("days").asLong() * 86_400 + interval.path("seconds").asLong();
    return "every " + java.time.Duration.ofSeconds(seconds).toString().substring(2).toLowerCase();
  }
}
