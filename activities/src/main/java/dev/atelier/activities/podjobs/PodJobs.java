package dev.atelier.activities.podjobs;

/** Where KubernetesJobOperator tries run: a cluster's Jobs, or local processes on one machine. */
public interface PodJobs {
  /** Creates the Job, or finds the one a previous attempt of this try created. */
  void launch(String name, PodJobRequest request);

  PodJobState state(String name, PodJobRequest request);

  /** The last {@code lines} lines the container printed, or "" when none can be read. */
  String logs(String name, PodJobRequest request, int lines);

  /** Stops and removes the Job; one already gone is fine. */
  void delete(String name, PodJobRequest request);
}
