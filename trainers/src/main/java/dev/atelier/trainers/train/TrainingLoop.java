package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step loop: fills a batch, runs a {@link GanStep} inside a per-step sub-manager (closed every
 * step, so native memory stays flat), reports, samples, checks for divergence and stop requests,
 * and checkpoints at the end.
 */
final class TrainingLoop {
  private final TrialSpec spec;
  private final ImageDataset data;
  private final TrainingListener listener;
  private final StopSignal stop;
  private final NDManager root;
  private final Networks nets;
  private final GanStep gan;
  private final Sampler sampler;
  private final Path ckptDir;
  private final Hyperparams hp;
  private final HostBatch real;
  private final HostBatch z;
  private final BatchSampler batches;
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  TrainingLoop(
      TrialSpec spec,
      ImageDataset data,
      TrainingListener listener,
      StopSignal stop,
      NDManager root,
      Networks nets,
      GanStep gan,
      Path ckptDir) {
    this.spec = spec;
    this.data = data;
    this.listener = listener;
    this.stop = stop;
    this.root = root;
    this.nets = nets;
    this.gan = gan;
    this.ckptDir = ckptDir;
    this.hp = spec.hyperparams();
    this.sampler = new Sampler(spec, data, nets.exported(), root);
    int size = data.size();
    real = new HostBatch(new Shape(hp.batchSize(), 3, size, size));
    z = new HostBatch(new Shape(hp.batchSize(), hp.latentDim()));
    long seed = spec.seed();
    batches =
        new BatchSampler(
            data,
            epoch -> StepRandom.DATA_ORDER.at(seed, epoch),
            spec.augment().mirror() ? step -> StepRandom.MIRROR.at(seed, step) : null);
  }

  TrainingResult run(int start) throws IOException {
    Throughput meter = new Throughput(20);
    int steps = hp.steps();
    int step = start;
    while (step < steps) {
      if (stop.requested()) {
        checkpoint(step);
        return new TrainingResult(
            TrainingResult.Ending.INTERRUPTED,
            "stopped by a signal at step " + step + " of " + steps + "; checkpoint saved",
            step,
            metrics);
      }
      long t0 = System.nanoTime();
      batches.fill(real.host, hp.batchSize(), step);
      Latents.fill(StepRandom.LATENTS.at(spec.seed(), step), z.host);
      if (step == start) {
        listener.onRealGrid(SampleGrid.png(real.host, hp.batchSize(), data.size()));
      }
      float[] losses;
      try (NDManager sm = root.newSubManager()) {
        NDArray r = real.upload(sm);
        losses = gan.run(sm, r, z.upload(sm), spec.seed(), step);
      }
      int done = step + 1;
      String bad =
          !Float.isFinite(losses[1]) ? "loss_d" : !Float.isFinite(losses[0]) ? "loss_g" : null;
      if (bad != null) {
        float v = bad.equals("loss_d") ? losses[1] : losses[0];
        return new TrainingResult(
            TrainingResult.Ending.DIVERGED,
            bad + " was " + (Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf") + " at step " + done,
            step,
            metrics);
      }
      step = done;
      double ips = meter.record(System.nanoTime() - t0, hp.batchSize());
      metrics.put("loss_g", (double) losses[0]);
      metrics.put("loss_d", (double) losses[1]);
      metrics.put("images_per_sec", ips);
      listener.onStep(step, losses[0], losses[1], ips);
      if (step % spec.sampleEvery() == 0 || step == steps) {
        Sampler.Sample s = sampler.sample();
        metrics.put("fd_diag_rgb8", s.fdDiagRgb8());
        listener.onSample(step, s.gridPng(), s.fdDiagRgb8());
      }
    }
    checkpoint(step);
    return new TrainingResult(
        TrainingResult.Ending.COMPLETED, "completed " + step + " steps", step, metrics);
  }

  private void checkpoint(int step) throws IOException {
    Checkpoint.save(ckptDir, nets, spec, step);
    listener.onCheckpoint(ckptDir, step);
  }
}
