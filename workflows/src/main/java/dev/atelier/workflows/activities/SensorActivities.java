package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The pokes of sensors that look at recorded state: task instances and Dag runs of another Dag, and
 * dataset events. Each call looks once and returns; the workflow waits between pokes.
 */
@ActivityInterface
public interface SensorActivities {
  String POKE_EXTERNAL_TASK = "PokeExternalTask";
  String POKE_DATASET = "PokeDataset";

  /**
   * Done when every instance of the watched task (or the watched run itself, for a null task) is in
   * an allowed state; failed when one is in a failed state; waiting otherwise, including when the
   * run does not exist yet.
   */
  @ActivityMethod(name = POKE_EXTERNAL_TASK)
  PokeResult pokeExternalTask(ExternalTaskPoke poke);

  /** Done when the dataset has an event after {@code since}; the newest one is the XCom. */
  @ActivityMethod(name = POKE_DATASET)
  PokeResult pokeDataset(DatasetPoke poke);
}
