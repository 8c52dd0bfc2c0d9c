package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.dsl.TaskSpec;

/** What a task runner needs from its Dag run: the run's input and the bookkeeping stub. */
record RunContext(DagRunInput input, PersistenceActivities persistence) {
  TaskInstances instance(TaskSpec task, int mapIndex) {
    return new TaskInstances(
        persistence, input.dagId(), input.runId(), task.taskId(), mapIndex, task.operator());
  }
}
