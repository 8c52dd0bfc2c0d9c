package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.HostBatch;
import dev.atelier.trainers.train.Network;
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

/**
 * The SR step loop: a batch of ground-truth images per step (data order and mirror coins a function
 * of (seed, step), as in the GAN trainer, so a resumed run sees the same batches), one {@link
 * SrStep} in a per-step sub-manager, a NaN check, reports, the probe at sample steps, step
 * checkpoints, stop requests, and the final checkpoint.
 */
final class SrLoop {
  private final SrTrialSpec spec;
  private final SrProbe probe;
  private final TrainingListener listener;
  private final SrTraining.Extras extras;
  private final StopSignal stop;
  private final NDManager root;
  private final Network g;
  private final Network d;
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
      TrainingListener listener,
      SrTraining.Extras extras,
      StopSignal stop,
      NDManager root,
      Network g,
      Network d,
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
    this.g = g;
    this.d = d;
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
      if (!Float.isFinite(s.lossG() + s.lossD())) {
        String which = Float.isFinite(s.lossG()) ? "loss_d" : "loss_g";
        float v = Float.isFinite(s.lossG()) ? s.lossD() : s.lossG();
        return new TrainingResult(
            TrainingResult.Ending.DIVERGED,
            which + " was " + v + " at step " + (step + 1),
            step,
            metrics);
      }
      step++;
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
      if (step % spec.sampleEvery() == 0 || step == steps) {
        sample(step);
      }
      if (step % spec.checkpointEvery() == 0 && step < steps) {
        Path dir = Checkpoint.stepDir(spec.outputDir(), step);
        SrCheckpoint.save(dir, spec, g, d, adamG, adamD, state(step));
        SrCheckpoint.prune(spec);
        listener.onStepCheckpoint(dir, step);
      }
    }
    saveFinal(step);
    return new TrainingResult(
        TrainingResult.Ending.COMPLETED, "completed " + step + " steps", step, metrics);
  }

  private void sample(int step) {
    SrProbe.Result r = probe.evaluate(g.block, root);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("psnr", r.psnr());
    m.put("psnr_nearest", probe.psnrNearest);
    metrics.putAll(m);
    listener.onSample(step, probe.picture(r.sr()), SampleOutput.metrics(m));
  }

  private SrCheckpoint.State state(int step) {
    return new SrCheckpoint.State(step, adamG.updates(), adamD.updates());
  }

  private void saveFinal(int step) throws IOException {
    Path dir = Checkpoint.dir(spec.outputDir());
    SrCheckpoint.save(dir, spec, g, d, adamG, adamD, state(step));
    listener.onCheckpoint(dir, step);
  }
}
