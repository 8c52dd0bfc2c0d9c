package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.ui.service.DagCatalog;
import dev.atelier.workflows.dsl.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ReviewOperator's review as Airflow 3's human-in-the-loop detail. The question: the review's
 * subject, body, options (Approve and Reject), defaults and assigned users, and three {@code
 * params} in Airflow's Param form ({@code value}, {@code description}, {@code schema}): {@code
 * candidate} (an MLflow run id of the review's candidates; pick_best's pick by default), {@code
 * step} (the grid step reviewed; the candidate's latest grid by default) and {@code reason} (why;
 * required, as in the review room). The answer: {@code chosen_options}, {@code params_input} (the
 * candidate, step and reason recorded), who answered and when. A review closed by its timeout has
 * received its answer (the defaults) from nobody. Reviews are never mapped: map index -1.
 */
@ApplicationScoped
public class ReviewHitl {
  static final String CANDIDATE = "candidate";
  static final String STEP = "step";
  static final String REASON = "reason";

  /** The longest reason kept, as the review room's comments. */
  static final int REASON_LEN = 4000;

  private final TaskInstanceRepository tasks;
  private final DagRunRepository runs;
  private final DagCatalog catalog;

  ReviewHitl(TaskInstanceRepository tasks, DagRunRepository runs, DagCatalog catalog) {
    this.tasks = tasks;
    this.runs = runs;
    this.catalog = catalog;
  }

  HitlDetail detail(ReviewRow review) {
    return detail(review, instance(review));
  }

  /** One try's detail, with that try of the task instance. */
  HitlDetailHistory history(ReviewRow review) {
    TaskInstanceResponse ti = instance(review);
    TaskInstanceRow tryRow =
        new TaskInstanceRow(
            ti.dagId(),
            ti.dagRunId(),
            ti.taskId(),
            ti.mapIndex(),
            ti.state(),
            review.tryNumber(),
            ti.operator(),
            ti.startDate(),
            ti.endDate(),
            null,
            ti.note());
    return HitlDetailHistory.of(detail(review, ti), TaskInstanceHistoryResponse.of(ti, tryRow));
  }

  private HitlDetail detail(ReviewRow r, TaskInstanceResponse ti) {
    return new HitlDetail(
        r.options(),
        r.subject(),
        r.body(),
        r.defaults(),
        false,
        params(r),
        r.assignedUsers().stream().map(HitlUser::of).toList(),
        r.createdAt(),
        HitlUser.of(r.respondedBy()),
        r.respondedAt(),
        r.open() ? null : r.chosenOptions(),
        paramsInput(r),
        !r.open(),
        ti);
  }

  /** The form an answer fills in, in Airflow's Param form. */
  static Map<String, Object> params(ReviewRow r) {
    List<String> candidates = r.candidateRunIds();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put(
        CANDIDATE,
        param(
            candidates.isEmpty() ? null : candidates.get(0),
            "Approve: the MLflow run id of the candidate to promote (best first; default"
                + " pick_best's pick)",
            Map.of("type", "string", "enum", candidates)));
    params.put(
        STEP,
        param(
            null,
            "Approve: the step whose grid was reviewed; the candidate's latest grid when absent",
            Map.of("type", List.of("integer", "null"), "minimum", 0)));
    params.put(
        REASON,
        param(
            null,
            "Why: the audit records it (required for Approve and Reject)",
            Map.of("type", "string", "minLength", 1, "maxLength", REASON_LEN)));
    return params;
  }

  private static Map<String, Object> param(
      Object value, String description, Map<String, Object> schema) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("value", value);
    p.put("description", description);
    p.put("schema", schema);
    return p;
  }

  /** What the answer recorded: the candidate and step approved, and the reason. */
  static Map<String, Object> paramsInput(ReviewRow r) {
    Map<String, Object> input = new LinkedHashMap<>();
    if (r.chosenCandidate() != null) {
      input.put(CANDIDATE, r.chosenCandidate());
    }
    if (r.chosenStep() != null) {
      input.put(STEP, r.chosenStep());
    }
    if (r.reason() != null) {
      input.put(REASON, r.reason());
    }
    return input;
  }

  /**
   * The review task's instance; a review opened by a try whose instance row is gone (a run deleted
   * while the review stayed) reads as an instance without a state.
   */
  private TaskInstanceResponse instance(ReviewRow r) {
    DagRunRow run =
        runs.find(r.dagId(), r.runId())
            .orElseGet(
                () ->
                    new DagRunRow(
                        r.dagId(),
                        r.runId(),
                        null,
                        "manual",
                        Map.of(),
                        r.createdAt(),
                        r.createdAt(),
                        null,
                        null,
                        null,
                        null,
                        true,
                        null,
                        null,
                        false));
    TaskInstanceRow row =
        tasks
            .find(r.dagId(), r.runId(), r.taskId(), -1)
            .orElseGet(
                () ->
                    new TaskInstanceRow(
                        r.dagId(),
                        r.runId(),
                        r.taskId(),
                        -1,
                        null,
                        r.tryNumber(),
                        "ReviewOperator",
                        null,
                        null,
                        null,
                        null));
    TaskSpec spec = DagTasks.of(catalog, r.dagId()).get(r.taskId());
    return TaskInstanceResponse.of(run, row, spec);
  }
}
