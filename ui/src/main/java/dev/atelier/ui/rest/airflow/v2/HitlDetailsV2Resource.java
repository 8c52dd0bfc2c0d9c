package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.ReviewFilter;
import dev.atelier.ui.repository.ReviewRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/hitlDetails}: Airflow 3's human-in-the-loop
 * list over the review room's reviews (a ReviewOperator's try each; {@link ReviewHitl}), pending
 * and answered. {@code ~} for the Dag or the run lists every one. The latest try of each review
 * task is listed; earlier tries are read through {@code .../hitlDetails/tries/{try_number}}. A
 * review task is never mapped, so {@code map_index} other than -1 matches none.
 */
@Path("/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/hitlDetails")
@Produces(MediaType.APPLICATION_JSON)
public class HitlDetailsV2Resource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("ti_id", "id");
    ORDER.put("subject", "subject");
    ORDER.put("responded_at", "responded_at");
    ORDER.put("created_at", "created_at");
    ORDER.put("responded_by_user_id", "responded_by");
    ORDER.put("responded_by_user_name", "responded_by");
    ORDER.put("dag_id", "dag_id");
    ORDER.put("run_id", "run_id");
    ORDER.put("task_display_name", "task_id");
    ORDER.put("run_after", "run_after");
    ORDER.put("rendered_map_index", "id");
    ORDER.put("task_instance_operator", "ti_operator");
    ORDER.put("task_instance_state", "ti_state");
  }

  private final ReviewRepository reviews;
  private final ReviewHitl hitl;

  HitlDetailsV2Resource(ReviewRepository reviews, ReviewHitl hitl) {
    this.reviews = reviews;
    this.hitl = hitl;
  }

  @GET
  @RolesAllowed("viewer")
  public HitlDetailCollection list(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("dag_id_pattern") String dagIdPattern,
      @QueryParam("dag_id_prefix_pattern") String dagIdPrefix,
      @QueryParam("task_id") String taskId,
      @QueryParam("task_id_pattern") String taskIdPattern,
      @QueryParam("task_id_prefix_pattern") String taskIdPrefix,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("state") List<String> state,
      @QueryParam("response_received") String responseReceived,
      @QueryParam("responded_by_user_id") List<String> respondedById,
      @QueryParam("responded_by_user_name") List<String> respondedByName,
      @QueryParam("subject_search") String subjectSearch,
      @QueryParam("body_search") String bodySearch,
      @QueryParam("created_at_gte") String createdGte,
      @QueryParam("created_at_gt") String createdGt,
      @QueryParam("created_at_lte") String createdLte,
      @QueryParam("created_at_lt") String createdLt) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    checks.id("dag_run_id", runId);
    Page page =
        new Page(
            checks.limit(limit),
            checks.offset(offset),
            checks.orderBy(orderBy, ORDER, "created_at asc", "id"));
    Integer index = checks.integer(RequestChecks.query("map_index"), mapIndex, -1);
    List<String> states = new ArrayList<>();
    for (String s :
        checks.oneOfEach(RequestChecks.query("state"), state, TaskInstancesV2Resource.STATES)) {
      states.add(s.equals("none") ? null : s);
    }
    // A user's id and name are both the user name here.
    List<String> respondedBy = new ArrayList<>();
    users(checks, "responded_by_user_id", respondedById, respondedBy);
    users(checks, "responded_by_user_name", respondedByName, respondedBy);
    ReviewFilter filter =
        new ReviewFilter(
            dagId.equals("~") ? null : dagId,
            runId.equals("~") ? null : runId,
            blankIsNull(checks.text(RequestChecks.query("task_id"), taskId, RequestChecks.ID_LEN)),
            blankIsNull(
                checks.text(
                    RequestChecks.query("dag_id_pattern"), dagIdPattern, RequestChecks.ID_LEN)),
            blankIsNull(
                checks.text(
                    RequestChecks.query("dag_id_prefix_pattern"),
                    dagIdPrefix,
                    RequestChecks.ID_LEN)),
            blankIsNull(
                checks.text(
                    RequestChecks.query("task_id_pattern"), taskIdPattern, RequestChecks.ID_LEN)),
            blankIsNull(
                checks.text(
                    RequestChecks.query("task_id_prefix_pattern"),
                    taskIdPrefix,
                    RequestChecks.ID_LEN)),
            states,
            checks.bool(RequestChecks.query("response_received"), responseReceived),
            respondedBy,
            blankIsNull(checks.text(RequestChecks.query("subject_search"), subjectSearch, 1000)),
            blankIsNull(checks.text(RequestChecks.query("body_search"), bodySearch, 1000)),
            checks.dateTime(RequestChecks.query("created_at_gte"), createdGte),
            checks.dateTime(RequestChecks.query("created_at_gt"), createdGt),
            checks.dateTime(RequestChecks.query("created_at_lte"), createdLte),
            checks.dateTime(RequestChecks.query("created_at_lt"), createdLt));
    checks.throwIfAny();
    if (index != null && index != -1) {
      return new HitlDetailCollection(List.of(), 0);
    }
    return new HitlDetailCollection(
        reviews.search(filter, page).stream().map(hitl::detail).toList(), reviews.count(filter));
  }

  private static void users(
      RequestChecks checks, String param, List<String> values, List<String> into) {
    if (values == null) {
      return;
    }
    for (String name : values) {
      String text = checks.text(RequestChecks.query(param), name, 250);
      if (text != null && !text.isEmpty()) {
        into.add(text);
      }
    }
  }

  private static String blankIsNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
