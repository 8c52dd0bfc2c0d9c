package dev.atelier.trainers.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.model.GrowthStage;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sample steps whose report waits for a {@link BackgroundHook} (the quality metrics) measuring on a
 * second thread, so the training steps do not wait for it.
 *
 * <p>At a step the hook measures at, the exported generator's weights (the weight average when
 * there is one, BatchNorm statistics included) are copied on the device into a second instance of
 * the generator, which the evaluator thread draws from with its own {@link NDManager}; training
 * goes on with the next step. The copy costs one device-to-device copy of G's parameters.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>At most one evaluation is in flight: the copy is reused, so a measuring step that comes
 *       while the last one is still measuring waits for it (nothing is skipped).
 *   <li>Sample steps are reported in step order, each once and complete (grid, the training
 *       thread's metrics and the hook's together), on the training thread: a step waits in line
 *       until its own measurement and those before it are done. Metrics carry their step, so a late
 *       report logs them where they were taken.
 *   <li>{@link #awaitAll()} waits for everything queued; the loop calls it before every checkpoint,
 *       so a checkpoint's {@code keep_best_by} value is the one measured at its own step (the
 *       overlap is lost once per {@code checkpoint_every}), and before the run ends.
 *   <li>A measurement that throws fails the trial as on the training thread: the exception is
 *       rethrown on the training thread when that step's report is due.
 * </ul>
 */
final class BackgroundSamples implements AutoCloseable {
  /** What a sample step cost the training thread, so the steps' wait for quality is measured. */
  static final String SAMPLE_SECONDS = "sample_seconds";

  /** Reports a complete sample step, on the training thread. */
  @FunctionalInterface
  interface Reporter {
    void report(int step, byte[] gridPng, SampleOutput output) throws IOException;
  }

  private record Pending(int step, byte[] grid, SampleOutput now, Future<SampleOutput> later) {}

  private final TrialSpec spec;
  private final ImageDataset data;
  private final Networks nets;
  private final BackgroundHook hook;
  private final Reporter reporter;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private Evaluator evaluator;

  BackgroundSamples(
      TrialSpec spec, ImageDataset data, Networks nets, BackgroundHook hook, Reporter reporter) {
    this.spec = spec;
    this.data = data;
    this.nets = nets;
    this.hook = hook;
    this.reporter = reporter;
  }

  /**
   * A sample step: reported now unless the hook measures at it or an earlier step is still
   * measuring; reports whatever has finished meanwhile. Adds {@value #SAMPLE_SECONDS} to the step's
   * metrics: the training thread's time on this sample step, from {@code since} (before the grid)
   * to the hand-off, waiting for an earlier evaluation included.
   *
   * @param now the grid's step's metrics and artifacts from the training thread
   * @param since {@link System#nanoTime()} when the training thread began the sample step
   */
  void add(int step, byte[] gridPng, SampleOutput now, long since) throws IOException {
    Future<SampleOutput> later = null;
    if (hook.measuresAt(step, spec.hyperparams().steps())) {
      awaitAll();
      if (evaluator == null) {
        evaluator = new Evaluator();
      }
      later = evaluator.measure(step);
    }
    double seconds = (System.nanoTime() - since) / 1e9;
    SampleOutput timed = now.plus(SampleOutput.metrics(Map.of(SAMPLE_SECONDS, seconds)));
    queue.add(new Pending(step, gridPng, timed, later));
    reportFinished();
  }

  /** Reports the queued steps whose measurement has finished, in step order, without waiting. */
  void reportFinished() throws IOException {
    while (!queue.isEmpty() && (queue.peek().later() == null || queue.peek().later().isDone())) {
      report(queue.poll());
    }
  }

  /** Waits for the measurement in flight, if any, and reports every queued step. */
  void awaitAll() throws IOException {
    while (!queue.isEmpty()) {
      report(queue.poll());
    }
  }

  private void report(Pending p) throws IOException {
    SampleOutput out = p.later() == null ? p.now() : p.now().plus(result(p));
    reporter.report(p.step(), p.grid(), out);
  }

  private static SampleOutput result(Pending p) throws IOException {
    try {
      return p.later().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the quality of step " + p.step(), e);
    } catch (ExecutionException e) {
      // The measurement's own exception, as if it had been thrown on the training thread.
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("quality of step " + p.step() + " failed", cause);
    }
  }

  /**
   * Stops the evaluator thread, waiting for a measurement still running (it holds native arrays),
   * and frees the generator's copy. Steps still queued are not reported: the run failed.
   */
  @Override
  public void close() {
    if (evaluator != null) {
      evaluator.close();
    }
  }

  /** The evaluator thread with its own manager and copy of the exported generator. */
  private final class Evaluator implements AutoCloseable {
    private final ExecutorService thread;
    private final NDManager root;
    private final Network copy;
    private final Optional<GrowthStage> copyStage;

    Evaluator() {
      Optional<GrowthStage> stage = nets.growth().map(s -> new GrowthStage());
      int latentDim = spec.hyperparams().latentDim();
      Block block =
          Networks.generator(
              spec.model(),
              latentDim,
              spec.hyperparams().gWidth(),
              spec.dataset().imageSize(),
              spec.progressive().map(p -> p.startSize()).orElse(0),
              stage,
              spec.hyperparams().blocksPerStage(),
              spec.hyperparams().groupChannels(),
              spec.hyperparams().wDim(),
              spec.hyperparams().mappingLayers());
      copyStage = stage;
      copy =
          Network.replica(
              "generator_copy",
              block,
              Networks.generatorInputs(1, latentDim, nets.classes().size()));
      copy.block.freezeParameters(true);
      List<String> mine = copy.all.stream().map(p -> p.getKey()).toList();
      List<String> theirs = nets.exported().all.stream().map(p -> p.getKey()).toList();
      if (!mine.equals(theirs)) {
        copy.close();
        throw new IllegalStateException(
            "the generator's copy has parameters " + mine + ", the generator " + theirs);
      }
      root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
      thread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "quality-evaluator");
                t.setDaemon(true);
                return t;
              });
      thread.submit(
          () -> {
            // Both are per thread in PyTorch: the spec's thread limit, and no autograd graph.
            EngineThreads.apply(spec.threads());
            JniUtils.setGradMode(false);
          });
    }

    /** Copies the exported generator's weights now and measures them on the evaluator thread. */
    Future<SampleOutput> measure(int step) {
      Network source = nets.exported();
      for (int i = 0; i < source.all.size(); i++) {
        source.all.get(i).getValue().getArray().copyTo(copy.all.get(i).getValue().getArray());
      }
      nets.growth().ifPresent(s -> copyStage.orElseThrow().set(s.level(), s.alpha()));
      ImageGenerator images =
          new NetworkImages(
              copy, root, nets.classes(), spec.hyperparams().latentDim(), data.size());
      SampleContext context = new SampleContext(step, images, data, spec);
      return thread.submit(() -> hook.onSample(context));
    }

    @Override
    public void close() {
      thread.shutdownNow();
      try {
        // A native computation does not see the interrupt: let it finish before freeing its arrays.
        if (!thread.awaitTermination(10, TimeUnit.MINUTES)) {
          return; // leak rather than free arrays still in use
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      copy.close();
      root.close();
    }
  }
}
