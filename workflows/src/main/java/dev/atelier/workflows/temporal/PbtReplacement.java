package dev.atelier.workflows.temporal;

import java.util.Map;

/**
 * A PBT decision waiting for a free slot: a new trial from a donor's checkpoint. It waits while the
 * member it replaces is still stopping, so it may cross a continue-as-new ({@link SweepCarry}).
 *
 * @param params the new trial's hyperparameters (the donor's, perturbed)
 * @param donor the map index whose checkpoint it starts from
 * @param step the step of that checkpoint
 */
public record PbtReplacement(Map<String, Object> params, int donor, long step) {}
