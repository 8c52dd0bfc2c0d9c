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
import dev.atelier.trainers.train.DivergenceDetector;
import dev.atelier.trainers.train.HostBatch;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StepLoop;
import dev.atelier.trainers.train.StepMetrics;
import dev.atelier.trainers.train.StepRandom;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SR step: a batch of ground-truth images per step (data order and mirror coins a function of
 * (seed, step), as in the GAN trainer, so a resumed run sees the same batches) and one {@link
 * SrStep} in a per-step sub-manager; at sample steps the probe (PSNR, and FD/KID every {@code
 * quality.every} steps) drawn by the exported generator; checkpoints ranked by {@code
 * keep_best_by}. The bookkeeping around it (divergence: NaN, or loss_d pinned under the floor;
 * reports; when to sample and checkpoint; stop requests) is the GAN trainer's {@link StepLoop}.
 */
final class SrLoop implements StepLoop.Trainer {
  private final SrTrialSpec spec;
  private final SrProbe probe;
  private final Optional<SrQuality> quality;
  private final TrainingListener listener;
  private final SrTraining.Extras extras;
  private final StopSignal stop;
  private final NDManager root;
  private final SrNets nets;
  private final Adam adamG;
  private final Adam adamD;
  private final SrStep srStep;
  private final SrHyperparams hp;
  private final HostBatch hr;
  private final BatchSampler batches;
  private final DivergenceDetector divergence;
  private final int start;
  private final int size;
  private Optional<BestMetric> best;

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
    this.quality = quality;
    this.listener = listener;
    this.extras = extras;
    this.stop = stop;
    this.root = root;
    this.nets = nets;
    this.adamG = adamG;
    this.adamD = adamD;
    this.srStep = srStep;
    this.hp = spec.hyperparams();
    this.start = resumed.step();
    this.best = resumed.quality();
    // SR's D is trained with BCE, whose loss near zero means D has won; that matters (and the
    // floor applies) only at steps whose G loss has the adversarial term.
    this.divergence =
        new DivergenceDetector(
            spec.divergence(),
            done -> hp.adversarialWeight() > 0 && done > hp.contentOnlySteps(),
            resumed.lowDLossSteps());
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
    StepLoop.Schedule schedule =
        new StepLoop.Schedule(
            start,
            hp.steps(),
            hp.batchSize(),
            spec.sampleEvery(),
            spec.checkpointEvery(),
            spec.outputDir());
    // SR's own per-step numbers go out with the GAN trainer's, as a model's extra metrics.
    TrainingListener withExtras =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            extras.onStep(step, m.extra());
          }
        };
    return new StepLoop(schedule, divergence, stop, TrainingListener.all(listener, withExtras))
        .run(this);
  }

  @Override
  public StepLoop.Step train(int step) {
    batches.fill(hr.host, hp.batchSize(), step);
    if (step == start) {
      listener.onRealGrid(SampleGrid.png(hr.host, hp.batchSize(), size));
    }
    SrStep.Stats s;
    try (NDManager sm = root.newSubManager()) {
      s = srStep.run(sm, hr.upload(sm), step);
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    extra.put("loss_content", (double) s.content());
    extra.put("loss_adv", (double) s.adversarial());
    if (spec.contentFeatures().isPresent()) {
      extra.put("loss_pixel", (double) s.pixel());
      extra.put("loss_features", (double) s.feature());
    }
    return s.common().toStep(hp.lrG(), hp.lrD(), extra);
  }

  @Override
  public Map<String, Double> sample(int step) {
    SrProbe.Result r = probe.evaluate(nets.exported().block, root);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(SrTrialSpec.PSNR, r.psnr());
    m.put("psnr_nearest", probe.psnrNearest);
    if (quality.isPresent() && quality.get().due(step, hp.steps())) {
      long t0 = System.nanoTime();
      m.putAll(quality.get().measure(r.sr(), probe.count));
      m.put(QualityHook.SECONDS, (System.nanoTime() - t0) / 1e9);
      m.putAll(quality.get().nearestBaseline());
    }
    Double v = m.get(spec.keepBestBy());
    if (v != null) {
      best = Optional.of(new BestMetric(spec.keepBestBy(), v, step));
    }
    listener.onSample(step, probe.picture(r.sr()), SampleOutput.metrics(m));
    return m;
  }

  @Override
  public void save(Path dir, int step) throws IOException {
    SrCheckpoint.State state =
        new SrCheckpoint.State(step, adamG.updates(), adamD.updates(), divergence.lowRun(), best);
    SrCheckpoint.save(dir, spec, nets, adamG, adamD, state);
  }

  @Override
  public void prune() throws IOException {
    SrCheckpoint.prune(spec);
  }
}
