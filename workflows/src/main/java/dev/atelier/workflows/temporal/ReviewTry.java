package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.ReviewActivities;
import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.ReviewOpening;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One try of a ReviewOperator. The app records the pending review (an activity, seconds), then the
 * run waits for the answer's signal with {@code Workflow.await}: a timer in the engine, no activity
 * and no worker slot held, however long the reviewers take. Past {@code execution_timeout} the app
 * closes the review with the defaults (or returns an answer that beat the timer). Approve succeeds;
 * Reject skips the direct downstream tasks, or fails the task with {@code fail_on_reject}; no
 * answer at all fails it, as Airflow's HITLTimeoutError does. The answer is the task's XCom.
 */
final class ReviewTry {
  private ReviewTry() {}

  static InstanceResult run(
      RunContext ctx, TaskSpec task, Invocation inv, int attempt, TaskInstances ti) {
    Map<String, Object> args = inv.args();
    Long timeoutSeconds = task.executionTimeoutSeconds();
    ReviewActivities app = Workflow.newActivityStub(ReviewActivities.class, Options.bookkeeping());
    boolean failOnReject = Boolean.TRUE.equals(args.get("fail_on_reject"));
    List<String> defaults = strings(args.get("defaults"));
    long reviewId =
        app.openReview(
            new ReviewOpening(
                ctx.dagId(),
                ctx.runId(),
                task.taskId(),
                attempt,
                (String) args.get("subject"),
                (String) args.get("body"),
                strings(args.get("options")),
                defaults,
                strings(args.get("assigned_users")),
                strings(args.get("assigned_roles")),
                failOnReject,
                objects(args.get("trials")),
                map(args.get("best")),
                args.get("top_k") instanceof Number n ? n.intValue() : 4,
                timeoutSeconds == null
                    ? null
                    : Workflow.currentTimeMillis() + timeoutSeconds * 1000,
                args.get("evaluation") == null ? null : map(args.get("evaluation")),
                args.get("auto_promote") == null ? null : map(args.get("auto_promote"))));
    ti.deferred(attempt, "waiting for review " + reviewId);
    ReviewInbox inbox = ctx.reviews();
    boolean answered;
    if (timeoutSeconds == null) {
      Workflow.await(() -> inbox.has(reviewId));
      answered = true;
    } else {
      answered = Workflow.await(Duration.ofSeconds(timeoutSeconds), () -> inbox.has(reviewId));
    }
    ReviewAnswer answer =
        answered ? inbox.get(reviewId).orElseThrow() : app.closeReview(reviewId, defaults);
    return judge(task.taskId(), inv, attempt, answer, failOnReject, timeoutSeconds);
  }

  private static InstanceResult judge(
      String taskId,
      Invocation inv,
      int attempt,
      ReviewAnswer a,
      boolean failOnReject,
      Long timeoutSeconds) {
    Map<String, Object> xcom = xcom(a);
    List<String> chosen = a.chosenOptions() == null ? List.of() : a.chosenOptions();
    if (chosen.isEmpty()) {
      return failed(
          inv,
          attempt,
          xcom,
          "review '"
              + taskId
              + "' timed out after "
              + timeoutSeconds
              + " s with no answer and no defaults");
    }
    InstanceResult ok =
        new InstanceResult(
            inv.mapIndex(), TaskState.SUCCESS, attempt, xcom, Map.of(), null, null, false, null);
    if (!chosen.contains(ReviewOperator.REJECT)) {
      return ok;
    }
    String by = a.timedOut() ? "its defaults at the timeout" : a.respondedBy();
    String why = a.reason() == null || a.reason().isBlank() ? "" : ": " + a.reason();
    if (failOnReject) {
      return failed(inv, attempt, xcom, "review '" + taskId + "' was rejected by " + by + why);
    }
    return ok.following(List.of(), false);
  }

  private static InstanceResult failed(
      Invocation inv, int attempt, Map<String, Object> xcom, String note) {
    return new InstanceResult(
        inv.mapIndex(), TaskState.FAILED, attempt, xcom, Map.of(), note, null, false, null);
  }

  /** The XCom, in Airflow's HITL response names, plus what an approval names. */
  private static Map<String, Object> xcom(ReviewAnswer a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("review_id", a.reviewId());
    out.put("chosen_options", a.chosenOptions() == null ? List.of() : a.chosenOptions());
    Map<String, Object> user = new LinkedHashMap<>();
    if (a.respondedBy() != null) {
      user.put("id", a.respondedBy());
      user.put("name", a.respondedBy());
    }
    out.put("responded_by_user", a.respondedBy() == null ? null : user);
    out.put("responded_at", a.respondedAt());
    out.put("params_input", Map.of());
    out.put("candidate", a.candidate());
    out.put("step", a.step());
    out.put("reason", a.reason());
    out.put("timed_out", a.timedOut());
    return out;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  private static List<Object> objects(Object value) {
    return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
