package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.KubernetesJobOperator;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * One try of a {@link KubernetesJobOperator}: creates the Job (or, with the local launcher, a
 * process), heartbeats while it runs, and deletes it when the try is cancelled or times out.
 */
@ActivityInterface
public interface KubernetesJobActivities {
  String RUN_KUBERNETES_JOB = KubernetesJobOperator.ACTIVITY_TYPE;

  /**
   * Runs the Job the call's arguments describe (Airflow's names: {@code image}, {@code cmds},
   * {@code arguments}, …) to its end. Returns {@code job_name}, {@code namespace} and, with {@code
   * get_logs} (default true), {@code logs} (the last lines). A failed Job, or a pod that has not
   * started within {@code startup_timeout_seconds} (default 120), fails the try with the reason
   * (and the log tail).
   */
  @ActivityMethod(name = RUN_KUBERNETES_JOB)
  Map<String, Object> runKubernetesJob(TaskCall call);
}
