package dev.atelier.trainers.quality;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.train.BackgroundHook;
import dev.atelier.trainers.train.SampleContext;
import dev.atelier.trainers.train.SampleOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trial's quality measurement as a {@link BackgroundHook}: every {@code quality.every} steps
 * and at the last step it runs the {@link QualityEvaluator} (FD, KID, diversity, mode collapse,
 * novelty) on the exported generator, and at the last step it also renders the latent walk ({@code
 * walks/final.gif|.png}). With {@code quality.background} (the default) it runs on the evaluator
 * thread, on a copy of the exported generator taken at the step, while training goes on; without,
 * on the training thread as a plain sample hook. The evaluator, with the extractor and the real
 * data's features, is built before training starts, so a broken extractor stops the trial before
 * the first step rather than at the first sample step; close the hook after training to free them.
 */
public final class QualityHook implements BackgroundHook, AutoCloseable {
  public static final String FINAL_WALK = "final";
  public static final String SECONDS = "quality_seconds";

  private final QualitySpec spec;
  private final Optional<QualityEvaluator> evaluator;

  private QualityHook(QualitySpec spec, Optional<QualityEvaluator> evaluator) {
    this.spec = spec;
    this.evaluator = evaluator;
  }

  /**
   * Loads the extractor and computes the real data's side now. A hook that does nothing when the
   * spec turns quality off, or when the data set has fewer than the two images diversity needs.
   *
   * @throws IOException the extractor file cannot be loaded (the message names the field)
   * @throws IllegalArgumentException the extractor's metadata or the options break a rule
   */
  public static QualityHook open(TrialSpec trial, ImageDataset data) throws IOException {
    QualitySpec q = trial.quality();
    if (!q.enabled() || data.count() < 2) {
      return new QualityHook(q, Optional.empty());
    }
    QualityEvaluator e = q.evaluator(RealImages.of(data.pixels(), data.count(), data.size()));
    try {
      e.prepare();
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
    return new QualityHook(q, Optional.of(e));
  }

  /** Whether this hook measures anything (quality on and at least two real images). */
  public boolean active() {
    return evaluator.isPresent();
  }

  @Override
  public boolean measuresAt(int step, int steps) {
    return evaluator.isPresent() && (step % spec.every() == 0 || step >= steps);
  }

  @Override
  public SampleOutput onSample(SampleContext c) {
    if (evaluator.isEmpty()) {
      return SampleOutput.EMPTY;
    }
    boolean last = c.step() >= c.spec().hyperparams().steps();
    if (!measuresAt(c.step(), c.spec().hyperparams().steps())) {
      return SampleOutput.EMPTY;
    }
    long t0 = System.nanoTime();
    long probeSeed = c.spec().probe().seed();
    QualityReport r = evaluator.get().evaluate(c.step(), c.generator(), probeSeed);
    Map<String, byte[]> artifacts = new LinkedHashMap<>(r.artifacts());
    if (last) {
      LatentWalk.Rendering walk = evaluator.get().walk(c.generator(), probeSeed);
      artifacts.put(ArtifactPaths.walk(FINAL_WALK, "gif"), walk.gif());
      artifacts.put(ArtifactPaths.walk(FINAL_WALK, "png"), walk.png());
    }
    Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
    // What measuring costs, next to images_per_sec, so its overhead is never a guess.
    metrics.put(SECONDS, (System.nanoTime() - t0) / 1e9);
    return new SampleOutput(metrics, artifacts);
  }

  @Override
  public void close() {
    evaluator.ifPresent(QualityEvaluator::close);
  }
}
