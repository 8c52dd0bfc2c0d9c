package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.StepMetrics;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A discriminator that wins outright (loss_d pinned under divergence.d_loss_floor for
 * divergence.window steps) ends an SR trial as diverged, as it does a GAN trial — unless G's loss
 * has no adversarial term, when D winning costs G nothing.
 */
class SrDivergenceTest {
  @TempDir Path tmp;

  /** A fast D against a G that barely listens to it: D soon tells SR from real with certainty. */
  private SrTrialSpec spec(double adversarialWeight) throws Exception {
    return SmoothImages.parsed(
        tmp,
        "\"hyperparams\": {\"steps\": 60, \"batch_size\": 8, \"g_width\": 8,"
            + " \"d_width\": 8, \"residual_blocks\": 1, \"lr_g\": 0.001, \"lr_d\": 0.01,"
            + " \"adversarial_weight\": "
            + adversarialWeight
            + "}, \"sample_every\": 25,"
            + " \"divergence\": {\"d_loss_floor\": 0.5, \"window\": 3}");
  }

  private TrainingResult train(SrTrialSpec spec, List<Float> lossD) throws Exception {
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            lossD.add((float) m.lossD());
          }
        };
    return SrTraining.run(
        spec,
        SrProbe.split(SmoothImages.dataset(16, 16, 8), new ProbeSpec(1, 2)),
        record,
        SrTraining.Extras.NONE,
        new StopSignal());
  }

  @Test
  void withoutAnAdversarialTermTheFloorDoesNotApply() throws Exception {
    List<Float> lossD = new ArrayList<>();
    TrainingResult r = train(spec(0), lossD);
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    assertTrue(lossD.stream().filter(l -> l < 0.5).count() >= 3, lossD.toString());
  }

  @Test
  void lossDUnderTheFloorForAWindowOfStepsDiverges() throws Exception {
    SrTrialSpec spec = spec(0.001);
    List<Float> lossD = new ArrayList<>();
    TrainingResult r = train(spec, lossD);
    System.out.println("loss_d " + lossD);
    assertEquals(TrainingResult.Ending.DIVERGED, r.ending(), r.reason() + " " + lossD);
    int n = lossD.size();
    assertEquals(n, r.lastStep());
    assertTrue(
        r.reason()
            .equals(
                "loss_d stayed below 0.5 for 3 consecutive steps (steps "
                    + (n - 2)
                    + " to "
                    + n
                    + "): D wins outright and G gets no gradient"),
        r.reason());
    for (int i = n - 3; i < n; i++) {
      assertTrue(lossD.get(i) < 0.5, lossD.toString());
    }
    assertTrue(lossD.get(n - 4) >= 0.5, lossD.toString());
  }
}
