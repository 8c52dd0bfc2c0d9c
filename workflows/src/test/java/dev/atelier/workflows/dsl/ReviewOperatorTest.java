package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ReviewOperator's definition: Airflow's HITL names in the serialized Dag, its candidates'
 * tasks wired upstream, and every mistake reported at once when the Dag is built.
 */
class ReviewOperatorTest {
  private static DagBuilder sweep(ReviewOperator review) {
    DagBuilder b = Dag.builder("reviewed");
    Task train = b.add(new FunctionTask("train", ctx -> List.of()));
    Task pick = b.add(new FunctionTask("pick_best", ctx -> Map.of()));
    train.then(pick);
    b.add(review.candidates(train, pick));
    return b;
  }

  /**
   *
   *
   * <pre>  train ──▶ pick_best ──▶ review   (train ──▶ review too: its XCom is the trials)
   * </pre>
   */
  @Test
  void aReviewSerializesAirflowsNamesAndWaitsForBothCandidateSources() {
    Dag dag =
        sweep(
                new ReviewOperator("review", "Pick the champion")
                    .body("Top trials by fd_rgb8")
                    .defaults("Reject")
                    .topK(3)
                    .timeout(Duration.ofDays(2)))
            .build();

    TaskSpec spec =
        dag.toSpec().tasks().stream()
            .filter(t -> t.taskId().equals("review"))
            .findFirst()
            .orElseThrow();
    assertEquals(TaskKind.REVIEW, spec.kind());
    assertEquals("ReviewOperator", spec.operator());
    assertEquals(List.of("train", "pick_best"), spec.upstreamTaskIds());
    assertEquals(172800L, spec.executionTimeoutSeconds());
    assertEquals("Pick the champion", spec.args().get("subject"));
    assertEquals(List.of("Approve", "Reject"), spec.args().get("options"));
    assertEquals(List.of("Reject"), spec.args().get("defaults"));
    assertEquals(List.of("lead"), spec.args().get("assigned_roles"));
    assertEquals(false, spec.args().get("fail_on_reject"));
    assertEquals(3, spec.args().get("top_k"));
    assertEquals(
        Map.of("$xcom", Map.of("task_id", "train", "key", "return_value")),
        spec.args().get("trials"));
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    DagBuilder b =
        sweep(
            new ReviewOperator("review", " ")
                .options("Approve", "Later", "Later")
                .defaults("Approve", "Never")
                .assignedRoles("member")
                .assignedUsers("")
                .topK(0));
    b.add(new ReviewOperator("orphan", "No candidates"));

    List<String> v = assertThrows(DagValidationException.class, b::build).violations();

    assertEquals(
        List.of(
            "ReviewOperator 'review': subject ' ' must be a non-empty string",
            "ReviewOperator 'review': options ['Approve', 'Later', 'Later'] must not repeat an"
                + " option",
            "ReviewOperator 'review': options ['Approve', 'Later', 'Later'] must include"
                + " 'Approve' and 'Reject': approving promotes a candidate, rejecting keeps the"
                + " champion",
            "ReviewOperator 'review': defaults: 'Never' is not one of the options [Approve, Later,"
                + " Later]",
            "ReviewOperator 'review': defaults ['Approve', 'Never'] has more than one answer;"
                + " multiple=false",
            "ReviewOperator 'review': defaults ['Approve', 'Never'] must not be 'Approve': a"
                + " timeout cannot choose which candidate to promote",
            "ReviewOperator 'review': assigned_users [''] must be user names",
            "ReviewOperator 'review': assigned_roles: 'member' is not one of [lead, admin]"
                + " (approving promotes, which needs lead)",
            "ReviewOperator 'review': top_k 0 must be an integer from 1 to 32",
            "ReviewOperator 'orphan': trials is required: call candidates(sweep, pickBest) with"
                + " the sweep task",
            "ReviewOperator 'orphan': best is required: call candidates(sweep, pickBest) with the"
                + " pick_best task"),
        v);
  }
}
