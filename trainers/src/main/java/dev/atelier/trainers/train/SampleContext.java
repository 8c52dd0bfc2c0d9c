package dev.atelier.trainers.train;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.TrialSpec;

/**
 * What a {@link SampleHook} is given at a sample step.
 *
 * @param step the step just completed (1-based, as logged)
 * @param generator draws images with the exported generator
 * @param data the real data set, prepared exactly as training sees it
 * @param spec the trial (probe seed, model, hyperparameters)
 */
public record SampleContext(
    int step, ImageGenerator generator, ImageDataset data, TrialSpec spec) {}
