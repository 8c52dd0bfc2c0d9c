package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.Where;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Airflow 3's {@code POST /api/v2/dags/~/dagRuns/list}: the runs of several Dags at once, filtered
 * by a JSON body ({@code dag_ids}, {@code states}, each date's {@code _gt}/{@code _gte}/{@code
 * _lt}/{@code _lte}, {@code duration_*} in seconds, {@code conf_contains}), paged by {@code
 * page_offset} and {@code page_limit} (100 by default, at most 1,000) and ordered by one {@code
 * order_by} of the GET list's. Only {@code ~} is taken for the Dag, as in Airflow.
 */
@Path("/api/v2/dags/{dag_id}/dagRuns/list")
@Produces(MediaType.APPLICATION_JSON)
public class DagRunsBatchV2Resource {
  private static final List<String> DATES =
      List.of("logical_date", "run_after", "start_date", "end_date");
  private static final List<String> BOUNDS = List.of("gt", "gte", "lt", "lte");
  private static final Set<String> FIELDS = fields();

  private final DagRunRepository runs;
  private final DagVersionRepository versions;

  DagRunsBatchV2Resource(DagRunRepository runs, DagVersionRepository versions) {
    this.runs = runs;
    this.versions = versions;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("viewer")
  public DagRunCollectionResponse list(@PathParam("dag_id") String dagId, String text) {
    RequestChecks checks = new RequestChecks();
    if (!"~".equals(dagId)) {
      checks.add(
          Violation.of(
              "literal_error",
              RequestChecks.path("dag_id"),
              dagId,
              "must be '~': this list spans Dags; name them in the body's dag_ids"));
    }
    JsonBody body = JsonBody.parse(text, FIELDS, checks);
    Where where = new Where();
    List<String> dagIds = body.strings("dag_ids", RequestChecks.ID_LEN);
    if (dagIds != null) {
      // An empty list selects nothing, as Airflow's "dag_id in ()" does.
      if (dagIds.isEmpty()) {
        where.and("false");
      }
      where.anyOf("dag_id", dagIds);
    }
    List<String> states = body.strings("states", 32);
    if (states != null) {
      for (int i = 0; i < states.size(); i++) {
        if (!DagRunsV2Resource.RUN_STATES.contains(states.get(i))) {
          checks.add(
              Violation.of(
                  "enum",
                  RequestChecks.body("states", i),
                  states.get(i),
                  "is not one of " + DagRunsV2Resource.RUN_STATES));
        }
      }
      where.anyOf("state", states);
    }
    for (String date : DATES) {
      for (String bound : BOUNDS) {
        OffsetDateTime at = body.dateTime(date + "_" + bound);
        where.optional(date, operator(bound), at);
      }
    }
    for (String bound : BOUNDS) {
      Double seconds = body.number("duration_" + bound);
      where.optional("extract(epoch from end_date - start_date)", operator(bound), seconds);
    }
    String conf = body.string("conf_contains", 1000);
    if (conf != null) {
      where.and("strpos(conf::text, ?) > 0", conf);
    }
    Integer limit = body.integer("page_limit", 0);
    Integer offset = body.integer("page_offset", 0);
    String orderBy = body.string("order_by", 64);
    String order =
        checks.orderBy(
            RequestChecks.body("order_by"),
            orderBy == null ? null : List.of(orderBy),
            DagRunsV2Resource.ORDER,
            "id",
            "id");
    checks.throwIfAny();
    Page page =
        new Page(
            limit == null ? 100 : Math.min(limit, RequestChecks.MAX_LIMIT),
            offset == null ? 0 : offset,
            order);
    return new DagRunCollectionResponse(
        runs.list(where, page).stream()
            .map(
                run ->
                    DagRunResponse.of(
                        run,
                        versions
                            .ofRun(run.dagId(), run.runId())
                            .map(DagVersionResponse::of)
                            .orElse(null)))
            .toList(),
        runs.count(where));
  }

  private static String operator(String bound) {
    return switch (bound) {
      case "gt" -> ">";
      case "gte" -> ">=";
      case "lt" -> "<";
      default -> "<=";
    };
  }

  private static Set<String> fields() {
    Set<String> fields =
        new LinkedHashSet<>(
            List.of("dag_ids", "states", "conf_contains", "order_by", "page_limit", "page_offset"));
    for (String bound : BOUNDS) {
      for (String date : DATES) {
        fields.add(date + "_" + bound);
      }
      fields.add("duration_" + bound);
    }
    return Set.copyOf(fields);
  }
}
