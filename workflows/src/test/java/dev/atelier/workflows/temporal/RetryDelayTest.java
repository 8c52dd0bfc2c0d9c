package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.TaskSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Airflow's next-retry wait. Expected values were computed with Python's {@code hashlib} and
 * Airflow's formula, independently of this code.
 */
class RetryDelayTest {
  private static TaskSpec task(String dagId, String taskId, int delay, boolean expo, Integer cap) {
    DagBuilder b = Dag.builder(dagId);
    var t = b.add(new EmptyOperator(taskId)).retryDelay(Duration.ofSeconds(delay));
    t.retryExponentialBackoff(expo);
    if (cap != null) {
      t.maxRetryDelay(Duration.ofSeconds(cap));
    }
    return b.build().toSpec().tasks().get(0);
  }

  private static long after(TaskSpec t, String dagId, String date, int tryNumber) {
    return RetryDelay.after(t, dagId, date, tryNumber).toSeconds();
  }

  @Test
  void withoutBackoffEveryWaitIsTheRetryDelay() {
    TaskSpec t = task("d", "t", 300, false, null);
    assertEquals(300, after(t, "d", "2026-01-01T00:00:00Z", 1));
    assertEquals(300, after(t, "d", "2026-01-01T00:00:00Z", 7));
  }

  @Test
  void exponentialBackoffDoublesWithHashedJitterAndIsCappedAtADay() {
    TaskSpec t = task("d", "t", 300, true, null);
    String date = "2026-01-01T00:00:00Z";
    assertEquals(482, after(t, "d", date, 1));
    assertEquals(8240, after(t, "d", date, 5));
    assertEquals(86_400, after(t, "d", date, 30));
  }

  @Test
  void maxRetryDelayCapsTheBackoff() {
    String date = "2026-11-21T10:00:00Z";
    assertEquals(568, after(task("expo", "flaky", 100, true, null), "expo", date, 3));
    assertEquals(300, after(task("expo", "flaky", 100, true, 300), "expo", date, 3));
  }

  @Test
  void aZeroDelayWithBackoffStillWaitsOneSecondAsAirflowDoes() {
    assertEquals(1, after(task("d", "t", 0, true, null), "d", "2026-01-01T00:00:00Z", 3));
  }
}
