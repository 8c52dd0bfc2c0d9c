package dev.atelier.trainers.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.train.augment.DiffAugment;
import dev.atelier.trainers.train.loss.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One GAN training run as a function: builds the networks (weights seeded), resumes from a matching
 * checkpoint in the output folder when there is one, and runs the {@link TrainingLoop}. Each
 * network has its own {@link Adam}; the loss is the spec's {@link Objective}.
 */
public final class GanTraining {
  private GanTraining() {}

  public static TrainingResult run(
      TrialSpec spec, ImageDataset data, TrainingListener listener, StopSignal stop)
      throws IOException {
    Hyperparams hp = spec.hyperparams();
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    // Weight initialisation is the only randomness drawn by the engine.
    engine.setRandomSeed((int) spec.seed());
    Path ckptDir = Checkpoint.dir(spec.outputDir());
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Networks nets = Networks.create(spec)) {
      int start = Checkpoint.resumableStep(ckptDir, spec);
      Optional<Ema> ema = nets.ema().map(avg -> new Ema(nets.g(), avg, hp.emaDecay(), root));
      if (start > 0) {
        Checkpoint.load(ckptDir, nets);
      } else {
        ema.ifPresent(Ema::startFromSource);
      }
      Adam adamG = new Adam(nets.g().trainable, hp.lrG(), hp.beta1(), hp.beta2(), root);
      Adam adamD = new Adam(nets.d().trainable, hp.lrD(), hp.beta1(), hp.beta2(), root);
      GanStep gan =
          new GanStep(
              nets.g(),
              nets.d(),
              adamG,
              adamD,
              Objective.of(hp),
              ema,
              DiffAugment.of(spec.augment().diffaug()));
      return new TrainingLoop(spec, data, listener, stop, root, nets, gan, ckptDir).run(start);
    }
  }
}
