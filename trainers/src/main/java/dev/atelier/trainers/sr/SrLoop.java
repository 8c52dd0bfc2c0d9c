package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.quality.QualityHook;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.BestMetric;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.DivergenceDetector;
import dev.atelier.trainers.train.HostBatch;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StepMetrics;
import dev.atelier.trainers.train.StepRandom;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.Throughput;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SR step loop: a batch of ground-truth images per step (data order and mirror coins a function
 * of (seed, step), as in the GAN trainer, so a resumed run sees the same batches), one {@link
 * SrStep} in a per-step sub-manager, the divergence check (NaN, or loss_d pinned under the floor),
 * reports, the probe (PSNR, and FD/KID every {@code quality.every} steps) drawn by the exported
 * generator at sample steps, step checkpoints ranked by {@code keep_best_by}, stop requests, and
 * the final checkpoint.
 */
final class SrLoop {
  private final SrTrialSpec spec;
  private final SrProbe probe;
  private final TrainingListener listener;
  private final SrTraining.Extras extras;
  private final StopSignal stop;
  private final NDManager root;
  private final SrNets nets;
  private final Optional<SrQuality> quality;
  private final DivergenceDetector divergence;
  private Optional<BestMetric> best;
  private final Adam adamG;
  private final Adam adamD;
  private final SrStep srStep;
  private final SrHyperparams hp;
  private final HostBatch hr;
  private final BatchSampler batches;
  private final int start;
  private final int size;
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  SrLoop(
      SrTrialSpec spec,
      SrProbe.Split data,
      Optional<SrQuality> quality,
      TrainingListener listener,
      SrTraining.Extras extras,
      StopSignal stop,
      NDManager root,
      SrNets nets,
      Adam adamG,
      Adam adamD,
      SrStep srStep,
      SrCheckpoint.State resumed) {
    this.spec = spec;
    this.probe = data.probe();
    this.listener = listener;
    this.extras = extras;
    this.stop = stop;
    this.root = root;
    this.nets = nets;
    this.quality = quality;
    // SR's D is trained with BCE, whose loss near zero means D has won: the floor applies.
    this.divergence = new DivergenceDetector(spec.divergence(), true, resumed.lowDLossSteps());
    this.best = resumed.quality();
    this.adamG = adamG;
    this.adamD = adamD;
    this.srStep = srStep;
    this.hp = spec.hyperparams();
    this.start = resumed.step();
    this.size = spec.dataset().imageSize();
    this.hr = new HostBatch(new Shape(hp.batchSize(), 3, size, size));
    long seed = spec.seed();
    this.batches =
        new BatchSampler(
            data.train(),
            epoch -> StepRandom.DATA_ORDER.at(seed, epoch),
            spec.mirror() ? s -> StepRandom.MIRROR.at(seed, s) : null);
  }

  TrainingResult run() throws IOException {
    Throughput meter = new Throughput(20);
    int steps = hp.steps();
    int step = start;
    while (step < steps) {
      if (stop.requested()) {
        saveFinal(step);
        return new TrainingResult(
            TrainingResult.Ending.INTERRUPTED,
            "stopped by a signal at step " + step + " of " + steps + "; checkpoint saved",
            step,
            metrics);
      }
      long t0 = System.nanoTime();
      batches.fill(hr.host, hp.batchSize(), step);
      if (step == start) {
        listener.onRealGrid(SampleGrid.png(hr.host, hp.batchSize(), size));
      }
      SrStep.Stats s;
      try (NDManager sm = root.newSubManager()) {
        s = srStep.run(sm, hr.upload(sm), step);
      }
      int done = step + 1;
      Optional<String> diverged = divergence.check(done, s.lossD(), s.lossG());
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
      Map<String, Double> extra = new LinkedHashMap<>();
      extra.put("loss_content", (double) s.content());
      extra.put("loss_adv", (double) s.adversarial());
      if (spec.contentFeatures().isPresent()) {
        extra.put("loss_pixel", (double) s.pixel());
        extra.put("loss_features", (double) s.feature());
      }
      metrics.putAll(m.asMap());
      metrics.putAll(extra);
      listener.onStep(step, m);
      extras.onStep(step, extra);
      if (diverged.isPresent()) {
        return new TrainingResult(TrainingResult.Ending.DIVERGED, diverged.get(), step, metrics);
      }
      if (step % spec.sampleEvery() == 0 || step == steps) {
        sample(step);
      }
      if (step % spec.checkpointEvery() == 0 && step < steps) {
        Path dir = Checkpoint.stepDir(spec.outputDir(), step);
        SrCheckpoint.save(dir, spec, nets, adamG, adamD, state(step));
        SrCheckpoint.prune(spec);
        listener.onStepCheckpoint(dir, step);
      }
    }
    saveFinal(step);
    return new TrainingResult(
        TrainingResult.Ending.COMPLETED, "completed " + step + " steps", step, metrics);
  }

  private void sample(int step) {
    SrProbe.Result r = probe.evaluate(nets.exported().block, root);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(SrTrialSpec.PSNR, r.psnr());
    m.put("psnr_nearest", probe.psnrNearest);
    if (quality.isPresent() && quality.get().due(step, hp.steps())) {
      long t0 = System.nanoTime();
      m.putAll(quality.get().measure(r.sr(), probe.count));
      m.put(QualityHook.SECONDS, (System.nanoTime() - t0) / 1e9);
    }
    Double v = m.get(spec.keepBestBy());
    if (v != null) {
      best = Optional.of(new BestMetric(spec.keepBestBy(), v, step));
    }
    metrics.putAll(m);
    listener.onSample(step, probe.picture(r.sr()), SampleOutput.metrics(m));
  }

  private SrCheckpoint.State state(int step) {
    return new SrCheckpoint.State(
        step, adamG.updates(), adamD.updates(), divergence.lowRun(), best);
  }

  private void saveFinal(int step) throws IOException {
    Path dir = Checkpoint.dir(spec.outputDir());
    SrCheckpoint.save(dir, spec, nets, adamG, adamD, state(step));
    listener.onCheckpoint(dir, step);
  }
}
