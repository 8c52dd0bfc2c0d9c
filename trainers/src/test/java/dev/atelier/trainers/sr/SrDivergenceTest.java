package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.DivergenceSpec;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrHyperparams;
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
 * divergence.window steps) ends an SR trial as diverged, as it does a GAN trial.
 */
class SrDivergenceTest {
  @TempDir Path tmp;

  @Test
  void lossDUnderTheFloorForAWindowOfStepsDiverges() throws Exception {
    SrHyperparams t = SmoothImages.tiny(60);
    // A fast D against a G with no adversarial term: D soon tells SR from real with certainty.
    SrHyperparams hp =
        new SrHyperparams(
            t.lrG(), 0.01, t.beta1(), t.beta2(), 8, 60, 8, 8, 1, 0, t.contentLoss(), 0);
    SrTrialSpec spec =
        SmoothImages.spec(tmp, tmp.resolve("out"), 16, hp)
            .withDivergence(new DivergenceSpec(0.5, 3));
    List<Float> lossD = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onStep(int step, StepMetrics m) {
            lossD.add((float) m.lossD());
          }
        };
    TrainingResult r =
        SrTraining.run(
            spec,
            SrProbe.split(SmoothImages.dataset(16, 16, 8), new ProbeSpec(1, 2)),
            record,
            SrTraining.Extras.NONE,
            new StopSignal());
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
