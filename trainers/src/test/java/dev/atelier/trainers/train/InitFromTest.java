package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.BadSpecException;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PBT's exploit step: a trial with {@code init_from} starts from another trial's checkpoint with
 * its own hyperparameters, at the donor's step + 1; and each evaluation carries the means of the
 * step values since the previous one, which a sweep's stop rules read.
 */
class InitFromTest {
  @TempDir Path tmp;
  private final ImageDataset data = TinyTrials.solid(TinyTrials.RED, 16);

  private Path donor() throws Exception {
    TrialSpec donor = TinyTrials.spec(tmp, tmp.resolve("donor"), 6, 3);
    GanTraining.run(donor, data, new TrainingListener() {}, new StopSignal());
    return Checkpoint.dir(tmp.resolve("donor"));
  }

  /** The donor's architecture with another learning rate and more steps. */
  private TrialSpec recipient(String name, Path from) {
    TrialSpec s = TinyTrials.spec(tmp, tmp.resolve(name), 12, 3);
    return s.toBuilder()
        .hyperparams(new Hyperparams(0.0005, 0.5, 8, 16, 12, 8, 8))
        .initFrom(from)
        .build();
  }

  @Test
  void aTrialStartsWithTheDonorsExactStateAndItsOwnLearningRate() throws Exception {
    Path from = donor();
    TrialSpec spec = recipient("stopped", from);
    assertEquals(OptionalInt.of(6), InitFrom.step(spec, data));

    // Stopped before its first step, the trial writes the state it starts from.
    StopSignal stop = new StopSignal();
    stop.request();
    TrainingResult r = GanTraining.run(spec, data, new TrainingListener() {}, stop);

    assertEquals(6, r.lastStep());
    Path own = Checkpoint.dir(tmp.resolve("stopped"));
    for (String f :
        List.of(
            "generator-0000.params",
            "generator_raw-0000.params",
            "discriminator-0000.params",
            Checkpoint.ADAM_G,
            Checkpoint.ADAM_D)) {
      assertArrayEquals(Files.readAllBytes(from.resolve(f)), Files.readAllBytes(own.resolve(f)), f);
    }
    var desc = Checkpoint.descriptor(own).orElseThrow();
    assertEquals(6, desc.get("generator_updates").asInt());
    assertEquals(0.0005, desc.get("hyperparams").get("lr").asDouble());
    // Its checkpoint is its own now: a relaunch resumes it rather than the donor's.
    assertEquals(6, Checkpoint.resumableStep(own, spec));
    assertEquals(OptionalInt.empty(), InitFrom.step(spec, data));
  }

  @Test
  void itLogsFromTheDonorsNextStepWithMeansAtEachEvaluation() throws Exception {
    TrialSpec spec = recipient("trained", donor());
    Map<Integer, StepMetrics> steps = new TreeMap<>();
    Map<Integer, Map<String, Double>> samples = new TreeMap<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            steps.put(step, m);
          }

          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            samples.put(step, out.metrics());
          }
        };
    TrainingResult r = GanTraining.run(spec, data, record, new StopSignal());

    assertEquals(TrainingResult.Ending.COMPLETED, r.ending());
    assertEquals(List.of(7, 8, 9, 10, 11, 12), new ArrayList<>(steps.keySet()));
    assertEquals(List.of(9, 12), new ArrayList<>(samples.keySet()));
    Map<String, Double> at9 = samples.get(9);
    double lossD = (steps.get(7).lossD() + steps.get(8).lossD() + steps.get(9).lossD()) / 3;
    double dReal = (steps.get(7).dReal() + steps.get(8).dReal() + steps.get(9).dReal()) / 3;
    double lossG = (steps.get(10).lossG() + steps.get(11).lossG() + steps.get(12).lossG()) / 3;
    assertEquals(lossD, at9.get("loss_d_avg"), 1e-6);
    assertEquals(dReal, at9.get("d_real_avg"), 1e-6);
    assertEquals(lossG, samples.get(12).get("loss_g_avg"), 1e-6);
    double accuracy = at9.get("d_accuracy_avg");
    assertTrue(accuracy >= 0 && accuracy <= 1, "d_accuracy_avg " + accuracy);
    assertTrue(at9.containsKey("d_fake_avg"));
  }

  @Test
  void anotherArchitectureIsABadSpecNamingInitFromAndTheField() throws Exception {
    Path from = donor();
    TrialSpec wider =
        recipient("wider", from).toBuilder()
            .hyperparams(new Hyperparams(0.0005, 0.5, 8, 16, 12, 16, 8))
            .build();
    BadSpecException e = assertThrows(BadSpecException.class, () -> InitFrom.step(wider, data));
    assertEquals(
        List.of(
            "init_from: the checkpoint's hyperparams.g_width is 8, this spec's is 16: the"
                + " architecture must match to start from it"),
        e.violations());

    // What MLflow holds of a checkpoint (the exported files) cannot be trained on.
    Files.delete(from.resolve(Checkpoint.ADAM_D));
    BadSpecException exported =
        assertThrows(BadSpecException.class, () -> InitFrom.step(recipient("x", from), data));
    assertEquals(
        List.of(
            "init_from.path: '"
                + from
                + "' lacks optimizer_discriminator.safetensors: it must be a complete checkpoint"),
        exported.violations());

    TrialSpec missing = recipient("missing", tmp.resolve("nowhere"));
    BadSpecException none =
        assertThrows(BadSpecException.class, () -> InitFrom.step(missing, data));
    assertTrue(none.getMessage().startsWith("init_from.path: '"), none.getMessage());
  }

  @Test
  void aCheckpointAtTheTrialsStepsIsEvaluatedOnThisTrialsDataWithoutTraining() throws Exception {
    Path from = donor();
    // What MLflow holds of a promoted checkpoint: the generator and its descriptor.
    for (String f :
        List.of(
            "generator_raw-0000.params",
            "discriminator-0000.params",
            Checkpoint.ADAM_G,
            Checkpoint.ADAM_D)) {
      Files.delete(from.resolve(f));
    }
    TrialSpec spec =
        TinyTrials.spec(tmp, tmp.resolve("evaluation"), 6, 3).toBuilder().initFrom(from).build();
    assertEquals(OptionalInt.of(6), InitFrom.step(spec, data));
    List<Integer> trained = new ArrayList<>();
    Map<Integer, Map<String, Double>> samples = new TreeMap<>();
    List<byte[]> realGrids = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            trained.add(step);
          }

          @Override
          public void onRealGrid(byte[] png) {
            realGrids.add(png);
          }

          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            samples.put(step, out.metrics());
          }
        };

    TrainingResult r = GanTraining.run(spec, data, record, new StopSignal());

    assertEquals(TrainingResult.Ending.COMPLETED, r.ending());
    assertEquals(6, r.lastStep());
    assertEquals(List.of(), trained, "an evaluation trains no step");
    assertEquals(List.of(6), new ArrayList<>(samples.keySet()), "one sample, at the donor's step");
    assertEquals(1, realGrids.size(), "the data it was measured on is shown");
    Path own = Checkpoint.dir(tmp.resolve("evaluation"));
    assertEquals(6, Checkpoint.descriptor(own).orElseThrow().get("step").asInt());

    TrialSpec beyond =
        TinyTrials.spec(tmp, tmp.resolve("beyond"), 5, 3).toBuilder().initFrom(from).build();
    BadSpecException e = assertThrows(BadSpecException.class, () -> InitFrom.step(beyond, data));
    assertTrue(
        e.getMessage().contains("hyperparams.steps (5) must be at least that"), e.getMessage());
  }
}
