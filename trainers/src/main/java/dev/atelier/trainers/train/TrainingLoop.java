package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The step loop: fills a batch, runs a {@link GanStep} inside a per-step sub-manager (closed every
 * step, so native memory stays flat), checks for divergence, reports, samples, honours stop
 * requests, and checkpoints at the end.
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
  private final DivergenceDetector divergence;

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
    divergence =
        new DivergenceDetector(spec.divergence(), spec.hyperparams().loss() != LossKind.WGAN_GP, 0);
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
      StepStats s;
      try (NDManager sm = root.newSubManager()) {
        NDArray r = real.upload(sm);
        s = gan.run(sm, r, z.upload(sm), spec.seed(), step);
      }
      int done = step + 1;
      Optional<String> diverged = divergence.check(done, s);
      if (diverged.isPresent() && !Float.isFinite(s.lossD() + s.lossG())) {
        // Nothing of a step with a NaN is worth logging; the last good step stands.
        return new TrainingResult(TrainingResult.Ending.DIVERGED, diverged.get(), step, metrics);
      }
      step = done;
      double ips = meter.record(System.nanoTime() - t0, hp.batchSize());
      StepMetrics m =
          new StepMetrics(
              s.lossG(),
              s.lossD(),
              s.dReal(),
              s.dFake(),
              s.gradNormG(),
              s.gradNormD(),
              hp.lrG(),
              hp.lrD(),
              ips);
      metrics.putAll(m.asMap());
      listener.onStep(step, m);
      if (diverged.isPresent()) {
        return new TrainingResult(TrainingResult.Ending.DIVERGED, diverged.get(), step, metrics);
      }
      if (step % spec.sampleEvery() == 0 || step == steps) {
        Sampler.Sample sample = sampler.sample();
        metrics.put("fd_diag_rgb8", sample.fdDiagRgb8());
        listener.onSample(step, sample.gridPng(), sample.fdDiagRgb8());
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
