package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.ApiProblem;

/** The 404s of v2, worded as Airflow 3 words them. */
final class NotFound {
  private NotFound() {}

  static ApiProblem dag(String dagId) {
    return ApiProblem.notFound("Dag not found", "The Dag with ID: `" + dagId + "` was not found");
  }

  static ApiProblem task(String dagId, String taskId) {
    return ApiProblem.notFound(
        "Task not found", "Task with id `" + taskId + "` not found in Dag `" + dagId + "`");
  }
}
