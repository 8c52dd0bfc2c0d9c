package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.train.loss.PathLengthPenalty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GAN step loop: fills a batch, runs a {@link GanStep} inside a per-step sub-manager (closed
 * every step, so native memory stays flat), samples and writes checkpoints; the bookkeeping around
 * it (divergence, reports, when to sample and checkpoint, stop requests) is {@link StepLoop}'s.
 */
final class TrainingLoop implements StepLoop.Trainer {
  private final TrialSpec spec;
  private final ImageDataset data;
  private final TrainingListener listener;
  private final StopSignal stop;
  private final NDManager root;
  private final Networks nets;
  private final Adam adamG;
  private final Adam adamD;
  private final GanStep gan;
  private final Sampler sampler;
  private final Hyperparams hp;
  private final HostBatch real;
  private final HostBatch z;
  private final BatchSampler batches;
  private final DivergenceDetector divergence;
  private final int start;
  private final int[] labels;
  private final HostBatch oneHot;
  private final Optional<GrowthSchedule> growth;
  private Optional<BestMetric> quality;
  private final StepAverages averages = new StepAverages();
  private final BackgroundSamples samples;
  private final Map<String, Double> reported = new LinkedHashMap<>();
  private final boolean fromDonor;

  TrainingLoop(
      TrialSpec spec,
      ImageDataset data,
      TrainingListener listener,
      StopSignal stop,
      NDManager root,
      Networks nets,
      Adam adamG,
      Adam adamD,
      GanStep gan,
      SampleHook hook,
      BackgroundHook background,
      CheckpointState resumed,
      boolean fromDonor) {
    this.spec = spec;
    this.fromDonor = fromDonor;
    this.data = data;
    this.listener = listener;
    this.stop = stop;
    this.root = root;
    this.nets = nets;
    this.adamG = adamG;
    this.adamD = adamD;
    this.gan = gan;
    this.hp = spec.hyperparams();
    this.sampler = new Sampler(spec, data, nets.exported(), nets.classes(), root, hook);
    this.samples = new BackgroundSamples(spec, data, nets, background, this::report);
    this.start = resumed.step();
    this.quality = resumed.quality();
    this.divergence =
        new DivergenceDetector(
            spec.divergence(), hp.loss() != LossKind.WGAN_GP, resumed.lowDLossSteps());
    int size = data.size();
    real = new HostBatch(new Shape(hp.batchSize(), 3, size, size));
    z = new HostBatch(new Shape(hp.batchSize(), hp.latentDim()));
    labels = new int[hp.batchSize()];
    int classes = nets.classes().size();
    oneHot = classes > 0 ? new HostBatch(new Shape(hp.batchSize(), classes)) : null;
    growth =
        spec.progressive()
            .filter(p -> nets.growth().isPresent())
            .map(p -> new GrowthSchedule(p, size, hp.batchSize()));
    long seed = spec.seed();
    batches =
        new BatchSampler(
            data,
            epoch -> StepRandom.DATA_ORDER.at(seed, epoch),
            spec.augment().mirror() ? step -> StepRandom.MIRROR.at(seed, step) : null);
  }

  TrainingResult run() throws IOException {
    StepLoop.Schedule schedule =
        new StepLoop.Schedule(
            start,
            hp.steps(),
            hp.batchSize(),
            spec.sampleEvery(),
            spec.checkpoints().every(),
            spec.outputDir());
    try (samples) {
      if (fromDonor && start >= hp.steps()) {
        evaluateAtStart();
      }
      TrainingResult r = new StepLoop(schedule, divergence, stop, listener).run(this);
      // A diverged run ends without a checkpoint: its last measurement is still reported.
      samples.awaitAll();
      Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
      metrics.putAll(reported);
      return new TrainingResult(r.ending(), r.reason(), r.lastStep(), metrics);
    }
  }

  /**
   * A trial started from another's checkpoint with nothing left to train ({@code init_from} at
   * {@code steps}): the checkpoint evaluated on this trial's data. The real grid, the probe grid
   * from the trial's probe latents and every quality metric are reported at the checkpoint's step,
   * as a trained trial reports its last step — how a retrain measures the champion on a new dataset
   * version with the challenger's yardstick.
   */
  private void evaluateAtStart() throws IOException {
    batches.fill(real.host, labels, hp.batchSize(), start);
    listener.onRealGrid(SampleGrid.png(real.host, hp.batchSize(), data.size()));
    sample(start);
  }

  @Override
  public StepLoop.Step train(int step) throws IOException {
    samples.reportFinished();
    batches.fill(real.host, labels, hp.batchSize(), step);
    Latents.fill(StepRandom.LATENTS.at(spec.seed(), step), z.host);
    if (step == start) {
      listener.onRealGrid(SampleGrid.png(real.host, hp.batchSize(), data.size()));
    }
    StepStats s;
    Optional<GrowthSchedule.Stage> stage = growth.map(g -> g.at(step));
    Map<String, Double> extra = stage.map(TrainingLoop::stageMetrics).orElse(Map.of());
    try (NDManager sm = root.newSubManager()) {
      NDArray r = real.upload(sm);
      if (step == start) {
        InputLayout.check(r, hp.batchSize(), spec.dataset().imageSize());
      }
      Condition cond = Condition.NONE;
      if (oneHot != null) {
        Condition.oneHot(labels, hp.batchSize(), nets.classes().size(), oneHot.host);
        cond = Condition.of(oneHot.upload(sm));
      }
      if (stage.isPresent()) {
        nets.growth().orElseThrow().set(stage.get().level(), stage.get().alpha());
        r = GrowthSchedule.real(r, stage.get(), data.size());
      }
      double p = gan.ada().map(a -> a.p()).orElse(Double.NaN);
      if (nets.g().block instanceof StyleGan2Generator sg) {
        sg.draws(StepRandom.STYLE.at(spec.seed(), step));
      }
      s = gan.run(sm, r, z.upload(sm), cond, spec.seed(), step);
      if (gan.ada().isPresent()) {
        extra = new LinkedHashMap<>(extra);
        extra.put("ada_p", p);
        extra.put("ada_rt", gan.ada().get().rt());
      }
      Optional<PathLengthPenalty> pl = gan.pathLength().filter(l -> l.appliesAt(step));
      if (pl.isPresent()) {
        extra = new LinkedHashMap<>(extra);
        extra.put("loss_pl", (double) pl.get().lastLoss());
        extra.put("pl_mean", (double) pl.get().mean());
      }
    }
    averages.add(s);
    return s.toStep(hp.lrG(), hp.lrD(), extra);
  }

  /** progan's stage as metrics, so curves and grids say which resolution a step trained at. */
  static Map<String, Double> stageMetrics(GrowthSchedule.Stage stage) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("resolution", (double) stage.resolution());
    m.put("alpha", stage.alpha());
    return m;
  }

  @Override
  public Map<String, Double> sample(int step) throws IOException {
    long t0 = System.nanoTime();
    Sampler.Sample sample = sampler.sample(step);
    // The step means ride with the sample step's own metrics, measured now, not when the
    // background measurement finishes.
    SampleOutput now = sample.output().plus(SampleOutput.metrics(averages.takeMeans()));
    samples.add(step, sample.gridPng(), now, t0);
    return now.metrics();
  }

  /**
   * A sample step, complete with its background measurement: reported, in step order, when that has
   * finished (at once without one).
   */
  private void report(int step, byte[] gridPng, SampleOutput output) {
    String best = spec.checkpoints().keepBestBy();
    Double v = output.metrics().get(best);
    if (v != null) {
      quality = Optional.of(new BestMetric(best, v, step));
    }
    reported.putAll(output.metrics());
    listener.onSample(step, gridPng, output);
  }

  @Override
  public void save(Path dir, int step) throws IOException {
    // The checkpoint records the keep_best_by value of its own step: wait for the measurement.
    samples.awaitAll();
    CheckpointIo.save(dir, spec, nets, adamG, adamD, state(step));
  }

  @Override
  public void prune() throws IOException {
    CheckpointRetention.prune(spec.outputDir(), spec);
  }

  /**
   * The generator only (a DCGAN-32 generator is a few MB; the discriminator and both Adams would
   * triple that at every sample step) and the descriptor, which says it cannot be resumed from.
   */
  @Override
  public void snapshot(Path dir, int step) throws IOException {
    CheckpointIo.writeAtomically(
        dir,
        tmp -> {
          CheckpointIo.saveGenerators(tmp, nets.g(), nets.ema());
          java.util.Map<String, Object> d = Checkpoint.describe(spec, nets, state(step));
          d.put("resumable", false);
          Checkpoint.JSON.writeValue(tmp.resolve(Checkpoint.DESCRIPTOR).toFile(), d);
        });
  }

  private CheckpointState state(int step) {
    CheckpointState s =
        new CheckpointState(step, adamG.updates(), adamD.updates(), divergence.lowRun(), quality);
    CheckpointState withAda = gan.ada().map(a -> s.withAda(a.state())).orElse(s);
    return gan.pathLength().map(p -> withAda.withPlMean(p.mean())).orElse(withAda);
  }
}
