package dev.atelier.trainers.sr;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.Ema;
import dev.atelier.trainers.train.EngineThreads;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingDevice;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One SR training run as a function: builds G, D and G's weight average (weights seeded), resumes
 * from the latest checkpoint of the same trial in the output folder (weights, average, both Adams,
 * counters), and runs the {@link SrLoop}. Reports go to a {@link TrainingListener} (loss_g, loss_d,
 * d_real, d_fake, gradient norms, learning rates and images/s every step; the probe picture with
 * {@code psnr}, {@code psnr_nearest} and the quality distances at sample steps; checkpoints) plus
 * {@link Extras} for SR's own per-step numbers.
 */
public final class SrTraining {
  private SrTraining() {}

  /**
   * Per-step metrics beyond the GAN trainer's: {@code loss_content}, {@code loss_adv} (and {@code
   * loss_pixel}, {@code loss_features}); the listener gets them too, as {@link
   * dev.atelier.trainers.train.StepMetrics#extra()}.
   */
  public interface Extras {
    Extras NONE = (step, metrics) -> {};

    void onStep(int step, Map<String, Double> metrics);
  }

  /** Measures quality as the spec says (the extractor loaded here). */
  public static TrainingResult run(
      SrTrialSpec spec,
      SrProbe.Split data,
      TrainingListener listener,
      Extras extras,
      StopSignal stop)
      throws IOException {
    Optional<SrQuality> quality = SrQuality.open(spec.quality(), data.probe());
    try {
      return run(spec, data, quality, listener, extras, stop);
    } finally {
      quality.ifPresent(SrQuality::close);
    }
  }

  /**
   * @param quality the spec's quality measurement, opened by the caller (who closes it)
   */
  static TrainingResult run(
      SrTrialSpec spec,
      SrProbe.Split data,
      Optional<SrQuality> quality,
      TrainingListener listener,
      Extras extras,
      StopSignal stop)
      throws IOException {
    SrHyperparams hp = spec.hyperparams();
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    engine.setRandomSeed((int) spec.seed());
    try (NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
        SrNets nets = SrNets.create(spec)) {
      Optional<Ema> ema = nets.ema().map(avg -> new Ema(nets.g(), avg, hp.emaDecay(), root));
      Adam adamG = new Adam(nets.g().trainable, hp.lrG(), hp.beta1(), hp.beta2(), root);
      Adam adamD = new Adam(nets.d().trainable, hp.lrD(), hp.beta1(), hp.beta2(), root);
      Optional<Path> resume = SrCheckpoint.latestResumable(spec);
      SrCheckpoint.State state = SrCheckpoint.State.START;
      if (resume.isPresent()) {
        state = SrCheckpoint.load(resume.get(), nets, adamG, adamD);
        listener.onResume(resume.get(), state.step());
      } else {
        ema.ifPresent(Ema::startFromSource);
      }
      Optional<FeatureContent> features = Optional.empty();
      try {
        if (spec.contentFeatures().isPresent()) {
          features = Optional.of(FeatureContent.load(spec.contentFeatures().get()));
        }
        SrStep step = new SrStep(nets.g(), nets.d(), adamG, adamD, hp, features, ema);
        return new SrLoop(
                spec, data, quality, listener, extras, stop, root, nets, adamG, adamD, step, state)
            .run();
      } finally {
        features.ifPresent(FeatureContent::close);
      }
    }
  }
}
