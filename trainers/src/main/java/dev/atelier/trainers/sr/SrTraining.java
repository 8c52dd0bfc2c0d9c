package dev.atelier.trainers.sr;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.EngineThreads;
import dev.atelier.trainers.train.Network;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingDevice;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One SR training run as a function: builds G and D (weights seeded), resumes from the latest
 * checkpoint of the same trial in the output folder (weights, both Adams, counters), and runs the
 * {@link SrLoop}. Reports go to a {@link TrainingListener} (loss_g, loss_d, d_real, d_fake,
 * gradient norms, learning rates and images/s every step; the probe picture with {@code psnr} and
 * {@code psnr_nearest} at sample steps; checkpoints) plus {@link Extras} for SR's own per-step
 * numbers.
 */
public final class SrTraining {
  private SrTraining() {}

  /** Per-step metrics beyond the GAN trainer's: {@code loss_content}, {@code loss_adv}. */
  public interface Extras {
    Extras NONE = (step, metrics) -> {};

    void onStep(int step, Map<String, Double> metrics);
  }

  public static TrainingResult run(
      SrTrialSpec spec,
      SrProbe.Split data,
      TrainingListener listener,
      Extras extras,
      StopSignal stop)
      throws IOException {
    SrHyperparams hp = spec.hyperparams();
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    engine.setRandomSeed((int) spec.seed());
    int size = spec.dataset().imageSize();
    int small = spec.lowResSize();
    try (NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
        Network g =
            Network.create(
                "generator",
                SrNetworks.generator(hp.gWidth(), hp.residualBlocks()),
                new Shape(1, 3, small, small));
        Network d =
            Network.create(
                "discriminator",
                SrNetworks.discriminator(hp.dWidth()),
                new Shape(1, 3, size, size))) {
      Adam adamG = new Adam(g.trainable, hp.lrG(), hp.beta1(), hp.beta2(), root);
      Adam adamD = new Adam(d.trainable, hp.lrD(), hp.beta1(), hp.beta2(), root);
      Optional<Path> resume = SrCheckpoint.latestResumable(spec);
      SrCheckpoint.State state = new SrCheckpoint.State(0, 0, 0);
      if (resume.isPresent()) {
        state = SrCheckpoint.load(resume.get(), g, d, adamG, adamD);
        listener.onResume(resume.get(), state.step());
      }
      Optional<FeatureContent> features = Optional.empty();
      try {
        if (spec.contentFeatures().isPresent()) {
          features = Optional.of(FeatureContent.load(spec.contentFeatures().get()));
        }
        SrStep step = new SrStep(g, d, adamG, adamD, hp, features);
        return new SrLoop(spec, data, listener, extras, stop, root, g, d, adamG, adamD, step, state)
            .run();
      } finally {
        features.ifPresent(FeatureContent::close);
      }
    }
  }
}
