package dev.atelier.trainers.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.atelier.trainers.data.BatchSampler;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.DiagonalGaussian;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One DCGAN training run: two models, each with its own Adam, the discriminator stepped on a real
 * and a detached fake batch, then the generator stepped through the (frozen) discriminator on the
 * same fake batch. Non-saturating BCE losses on logits.
 *
 * <p>Per step, everything the engine allocates lives in a sub-manager closed at the end of the
 * step, and inputs are copied through one reused direct buffer each: both keep native memory flat.
 */
public final class GanTraining {
  /** Generated images the Frechet distance is measured on. */
  static final int FD_SAMPLES = 256;

  private final TrialSpec spec;
  private final ImageDataset data;
  private final TrainingListener listener;
  private final StopSignal stop;

  private GanTraining(
      TrialSpec spec, ImageDataset data, TrainingListener listener, StopSignal stop) {
    this.spec = spec;
    this.data = data;
    this.listener = listener;
    this.stop = stop;
  }

  public static TrainingResult run(
      TrialSpec spec, ImageDataset data, TrainingListener listener, StopSignal stop)
      throws IOException {
    return new GanTraining(spec, data, listener, stop).run();
  }

  private TrainingResult run() throws IOException {
    Hyperparams hp = spec.hyperparams();
    int batch = hp.batchSize();
    int size = data.size();
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    engine.setRandomSeed((int) spec.seed());
    Path ckptDir = Checkpoint.dir(spec.outputDir());
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Model g = Model.newInstance(Checkpoint.GENERATOR, Device.cpu(), "PyTorch");
        Model d = Model.newInstance(Checkpoint.DISCRIMINATOR, Device.cpu(), "PyTorch")) {
      g.setBlock(Dcgan.generator(spec.model(), hp.latentDim(), hp.gWidth()));
      d.setBlock(Dcgan.discriminator(spec.model(), hp.dWidth()));
      try (Trainer gt = g.newTrainer(config(hp));
          Trainer dt = d.newTrainer(config(hp))) {
        gt.initialize(new Shape(batch, hp.latentDim()));
        dt.initialize(new Shape(batch, 3, size, size));
        int start = Checkpoint.resumableStep(ckptDir, spec);
        if (start > 0) {
          load(g, d, ckptDir);
        }
        List<Parameter> dTrainable =
            d.getBlock().getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .toList();
        return new Loop(root, g, d, gt, dt, dTrainable, ckptDir).run(start);
      }
    }
  }

  private static void load(Model g, Model d, Path dir) throws IOException {
    try {
      g.load(dir, Checkpoint.GENERATOR);
      d.load(dir, Checkpoint.DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static DefaultTrainingConfig config(Hyperparams hp) {
    // The loss is computed by hand (two terms for D); the config's loss is only a required slot.
    return new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(
            Adam.builder()
                .optLearningRateTracker(Tracker.fixed((float) hp.lr()))
                .optBeta1((float) hp.beta1())
                .optBeta2(0.999f)
                .build())
        .optInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT)
        .optDevices(new Device[] {Device.cpu()});
  }

  /** softplus(-x) = -log(sigmoid(x)): BCE of logits against "real". */
  private static NDArray bceReal(NDArray logits) {
    return Activation.softPlus(logits.neg()).mean();
  }

  /** softplus(x) = -log(1 - sigmoid(x)): BCE of logits against "fake". */
  private static NDArray bceFake(NDArray logits) {
    return Activation.softPlus(logits).mean();
  }

  /** The mutable state of one run, so the step code reads as a sequence. */
  private final class Loop {
    private final NDManager root;
    private final Model g;
    private final Model d;
    private final Trainer gt;
    private final Trainer dt;
    private final List<Parameter> dTrainable;
    private final Path ckptDir;
    private final Hyperparams hp = spec.hyperparams();
    private final int batch = hp.batchSize();
    private final Shape realShape;
    private final Shape zShape;
    private final float[] realHost;
    private final float[] zHost;
    private final ByteBuffer realBuf;
    private final ByteBuffer zBuf;
    private final BatchSampler sampler;
    private final Random zRandom;
    private final DiagonalGaussian realStats;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    Loop(
        NDManager root,
        Model g,
        Model d,
        Trainer gt,
        Trainer dt,
        List<Parameter> dTrainable,
        Path ckptDir) {
      this.root = root;
      this.g = g;
      this.d = d;
      this.gt = gt;
      this.dt = dt;
      this.dTrainable = dTrainable;
      this.ckptDir = ckptDir;
      int size = data.size();
      realShape = new Shape(batch, 3, size, size);
      zShape = new Shape(batch, hp.latentDim());
      realHost = new float[batch * data.imageLength()];
      zHost = new float[batch * hp.latentDim()];
      realBuf = ByteBuffer.allocateDirect(realHost.length * 4).order(ByteOrder.nativeOrder());
      zBuf = ByteBuffer.allocateDirect(zHost.length * 4).order(ByteOrder.nativeOrder());
      sampler = new BatchSampler(data, spec.seed());
      zRandom = new Random(spec.seed() * 31 + 7);
      realStats = realStatistics();
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
        sampler.next(realHost, batch);
        Latents.fill(zRandom, zHost);
        if (step == start) {
          listener.onRealGrid(SampleGrid.png(realHost, batch, data.size()));
        }
        float[] losses = step();
        int done = step + 1;
        String bad =
            !Float.isFinite(losses[1]) ? "loss_d" : !Float.isFinite(losses[0]) ? "loss_g" : null;
        if (bad != null) {
          float v = bad.equals("loss_d") ? losses[1] : losses[0];
          return new TrainingResult(
              TrainingResult.Ending.DIVERGED,
              bad
                  + " was "
                  + (Float.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf")
                  + " at step "
                  + done,
              step,
              metrics);
        }
        step = done;
        double ips = meter.record(System.nanoTime() - t0, batch);
        metrics.put("loss_g", (double) losses[0]);
        metrics.put("loss_d", (double) losses[1]);
        metrics.put("images_per_sec", ips);
        listener.onStep(step, losses[0], losses[1], ips);
        if (step % spec.sampleEvery() == 0 || step == steps) {
          sample(step);
        }
      }
      checkpoint(step);
      return new TrainingResult(
          TrainingResult.Ending.COMPLETED, "completed " + step + " steps", step, metrics);
    }

    /** One D update then one G update; returns {loss_g, loss_d}. */
    private float[] step() {
      try (NDManager sm = root.newSubManager()) {
        NDArray real = upload(sm, realBuf, realHost, realShape);
        NDArray z = upload(sm, zBuf, zHost, zShape);
        NDArray fake;
        float lossD;
        try (GradientCollector gc = dt.newGradientCollector()) {
          fake = gt.forward(new NDList(z)).singletonOrThrow();
          NDArray dReal = dt.forward(new NDList(real)).singletonOrThrow();
          NDArray dFake = dt.forward(new NDList(fake.stopGradient())).singletonOrThrow();
          NDArray loss = bceReal(dReal).add(bceFake(dFake));
          gc.backward(loss);
          lossD = loss.getFloat();
        }
        dt.step();
        float lossG;
        // D's gradients would otherwise accumulate from G's backward pass and leak into D's next
        // update.
        dTrainable.forEach(p -> p.freeze(true));
        try {
          try (GradientCollector gc = gt.newGradientCollector()) {
            NDArray loss = bceReal(dt.forward(new NDList(fake)).singletonOrThrow());
            gc.backward(loss);
            lossG = loss.getFloat();
          }
          gt.step();
        } finally {
          dTrainable.forEach(p -> p.freeze(false));
        }
        return new float[] {lossG, lossD};
      }
    }

    private NDArray upload(NDManager sm, ByteBuffer buf, float[] host, Shape shape) {
      buf.clear();
      buf.asFloatBuffer().put(host);
      buf.rewind();
      return sm.create(buf, shape, DataType.FLOAT32);
    }

    private void sample(int step) {
      int size = data.size();
      int count = spec.probe().count();
      float[] probeZ = Latents.draw(spec.probe().seed(), count, hp.latentDim());
      float[] probe = generate(probeZ, count);
      float[] fdZ = Latents.draw(spec.probe().seed() + 1, FD_SAMPLES, hp.latentDim());
      float[] fdImages = generate(fdZ, FD_SAMPLES);
      double fd = DiagonalGaussian.of(fdImages, 0, FD_SAMPLES, size).frechetDistance(realStats);
      metrics.put("fd_diag_rgb8", fd);
      listener.onSample(step, SampleGrid.png(probe, count, size), fd);
    }

    /** Inference mode: BatchNorm uses its running statistics, as a loaded checkpoint would. */
    private float[] generate(float[] latents, int count) {
      try (NDManager sm = root.newSubManager()) {
        NDArray z = sm.create(FloatBuffer.wrap(latents), new Shape(count, hp.latentDim()));
        return gt.evaluate(new NDList(z)).singletonOrThrow().toFloatArray();
      }
    }

    private DiagonalGaussian realStatistics() {
      // All of it: a few thousand small images take milliseconds, and a prefix of a sorted
      // folder would be a biased sample.
      return DiagonalGaussian.of(data.pixels(), 0, data.count(), data.size());
    }

    private void checkpoint(int step) throws IOException {
      Checkpoint.save(ckptDir, g, d, spec, step);
      listener.onCheckpoint(ckptDir, step);
    }
  }
}
