/**
 * The GAN training loop as a function ({@link dev.atelier.trainers.train.GanTraining#run}) that
 * returns a {@link dev.atelier.trainers.train.TrainingResult}, with a {@link
 * dev.atelier.trainers.train.TrainingListener} where progress output and tracking plug in, so tests
 * can run a few steps with no MLflow and no process exit. Its model-independent parts (the {@link
 * dev.atelier.trainers.train.StepLoop}, {@link dev.atelier.trainers.train.Ema}, checkpoint writing
 * and retention, the divergence detector) also serve the super-resolution trainer.
 */
package dev.atelier.trainers.train;
