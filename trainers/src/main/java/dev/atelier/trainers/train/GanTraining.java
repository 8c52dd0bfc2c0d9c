package dev.atelier.trainers.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.train.augment.AdaProbability;
import dev.atelier.trainers.train.augment.DiffAugment;
import dev.atelier.trainers.train.loss.Objective;
import dev.atelier.trainers.train.loss.PathLengthPenalty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One GAN training run as a function: builds the networks (weights seeded), resumes from the latest
 * checkpoint of the same trial in the output folder when there is one (weights, weight average,
 * both optimizers, counters), else starts from {@code init_from}'s checkpoint when given ({@link
 * InitFrom}), and runs the {@link TrainingLoop}. Each network has its own {@link Adam}; the loss is
 * the spec's {@link Objective}.
 */
public final class GanTraining {
  private GanTraining() {}

  public static TrainingResult run(
      TrialSpec spec, ImageDataset data, TrainingListener listener, StopSignal stop)
      throws IOException {
    return run(spec, data, listener, stop, SampleHook.NONE);
  }

  /**
   * @param hook called at every sample step; what it returns is logged (see {@link SampleHook})
   */
  public static TrainingResult run(
      TrialSpec spec,
      ImageDataset data,
      TrainingListener listener,
      StopSignal stop,
      SampleHook hook)
      throws IOException {
    return run(spec, data, listener, stop, hook, BackgroundHook.NONE);
  }

  /**
   * @param hook called at every sample step on the training thread
   * @param background called at the steps it measures at on an evaluator thread, on a copy of the
   *     exported generator, while training goes on (see {@link BackgroundSamples})
   */
  public static TrainingResult run(
      TrialSpec spec,
      ImageDataset data,
      TrainingListener listener,
      StopSignal stop,
      SampleHook hook,
      BackgroundHook background)
      throws IOException {
    Hyperparams hp = spec.hyperparams();
    if (spec.model().conditional()
        && (data.numClasses() < 2 || Arrays.stream(data.labels()).anyMatch(l -> l < 0))) {
      // The spec parser refuses such folders; this guards callers that build data sets in code.
      throw new IllegalArgumentException(
          spec.model().specName()
              + " needs at least 2 classes and a class for every image; the data set has "
              + data.classNames());
    }
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    // Weight initialisation is the only randomness drawn by the engine.
    engine.setRandomSeed((int) spec.seed());
    try (NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
        Networks nets = Networks.create(spec, data.classNames())) {
      Optional<Ema> ema = nets.ema().map(avg -> new Ema(nets.g(), avg, hp.emaDecay(), root));
      Adam adamG = new Adam(nets.g().trainable, hp.lrG(), hp.beta1(), hp.beta2(), root);
      Adam adamD = new Adam(nets.d().trainable, hp.lrD(), hp.beta1(), hp.beta2(), root);
      Optional<Path> resume = Checkpoint.latestResumable(spec.outputDir(), spec);
      CheckpointState state;
      boolean fromDonor = false;
      if (resume.isPresent()) {
        state = CheckpointIo.load(resume.get(), nets, adamG, adamD);
        listener.onResume(resume.get(), state.step());
      } else if (spec.initFrom().isPresent()) {
        // PBT: another trial's state, trained on with this spec's hyperparameters.
        state = InitFrom.load(spec.initFrom().get(), nets, adamG, adamD, hp.steps());
        listener.onResume(spec.initFrom().get(), state.step());
        fromDonor = true;
      } else {
        ema.ifPresent(Ema::startFromSource);
        state = new CheckpointState(0, 0, 0, 0, Optional.empty());
      }
      GanStep gan =
          new GanStep(
              nets.g(),
              nets.d(),
              adamG,
              adamD,
              Objective.of(hp),
              ema,
              DiffAugment.of(spec.augment().diffaug()),
              spec.augment()
                  .ada()
                  .map(
                      a -> {
                        AdaProbability ada = new AdaProbability(a, hp.batchSize());
                        if (!state.ada().isEmpty()) {
                          ada.restore(
                              (Double) state.ada().get("p"),
                              (Double) state.ada().get("sign_sum"),
                              (Integer) state.ada().get("sign_steps"),
                              (Double) state.ada().get("rt"));
                        }
                        return ada;
                      }),
              spec.model() == ModelKind.STYLEGAN2 && hp.plWeight() > 0
                  ? Optional.of(
                      new PathLengthPenalty(hp.plWeight(), hp.plInterval(), state.plMean()))
                  : Optional.empty());
      return new TrainingLoop(
              spec,
              data,
              listener,
              stop,
              root,
              nets,
              adamG,
              adamD,
              gan,
              hook,
              background,
              state,
              fromDonor)
          .run();
    }
  }
}
