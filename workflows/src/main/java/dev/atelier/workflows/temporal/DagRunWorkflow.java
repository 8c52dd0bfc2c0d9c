package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.XComEntry;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** One Airflow Dag run, interpreted on Temporal: ready tasks run in parallel, per trigger rule. */
@WorkflowInterface
public interface DagRunWorkflow extends SlotHolder {
  @WorkflowMethod
  DagRunResult run(DagRunInput input);

  /**
   * The answer to one of this run's reviews (a ReviewOperator waiting on it), sent by the app once
   * the answer is stored and, for an approval, the candidate promoted.
   */
  @SignalMethod
  void reviewAnswered(ReviewAnswer answer);

  /** Every XCom pushed so far in this run (all keys, with map indexes), for the API. */
  @QueryMethod
  List<XComEntry> xcomEntries();
}
