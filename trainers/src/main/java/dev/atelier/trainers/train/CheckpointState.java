package dev.atelier.trainers.train;

import java.util.Optional;

/**
 * Everything of a run's state that is not a tensor. There is no random-generator state: every draw
 * is a function of (seed, step) ({@link StepRandom}), so the step is all a resumed run needs.
 *
 * @param step steps completed
 * @param generatorUpdates G's Adam update count (its bias correction depends on it)
 * @param discriminatorUpdates D's Adam update count
 * @param lowDLossSteps the divergence detector's run of steps with loss_d under the floor
 * @param quality the {@code keep_best_by} metric's latest value when the checkpoint was made
 * @param ada adaptive augmentation's state ({@code AdaProbability#state()}), empty without it
 * @param plMean stylegan2's running mean path length ({@code PathLengthPenalty#mean()}); 0 without
 *     path-length regularisation
 */
record CheckpointState(
    int step,
    int generatorUpdates,
    int discriminatorUpdates,
    int lowDLossSteps,
    Optional<BestMetric> quality,
    java.util.Map<String, Object> ada,
    float plMean) {

  CheckpointState(
      int step,
      int generatorUpdates,
      int discriminatorUpdates,
      int lowDLossSteps,
      Optional<BestMetric> quality,
      java.util.Map<String, Object> ada) {
    this(step, generatorUpdates, discriminatorUpdates, lowDLossSteps, quality, ada, 0);
  }

  CheckpointState(
      int step,
      int generatorUpdates,
      int discriminatorUpdates,
      int lowDLossSteps,
      Optional<BestMetric> quality) {
    this(step, generatorUpdates, discriminatorUpdates, lowDLossSteps, quality, java.util.Map.of());
  }

  CheckpointState withAda(java.util.Map<String, Object> state) {
    return new CheckpointState(
        step, generatorUpdates, discriminatorUpdates, lowDLossSteps, quality, state, plMean);
  }

  CheckpointState withPlMean(float mean) {
    return new CheckpointState(
        step, generatorUpdates, discriminatorUpdates, lowDLossSteps, quality, ada, mean);
  }
}
