package dev.atelier.trainers.train;

/** The numbers one {@link GanStep} computes on the engine, copied to the host in one transfer. */
record StepStats(
    float lossG, float lossD, float dReal, float dFake, float gradNormG, float gradNormD) {

  /** Laid out as {@link GanStep} stacks them: squared gradient norms. */
  static StepStats fromStacked(float[] v) {
    return new StepStats(v[0], v[1], v[2], v[3], (float) Math.sqrt(v[4]), (float) Math.sqrt(v[5]));
  }
}
