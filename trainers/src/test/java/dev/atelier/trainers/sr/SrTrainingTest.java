package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrTrainingTest {
  @TempDir Path tmp;

  @Test
  void aShortTrainingBeatsNearestNeighbourOnHeldOutSmoothImages() throws Exception {
    // 48 images: 8 probes held out (48 >= 4 x 8), 40 to train on; 32 px ground truth, 8 px inputs.
    ImageDataset data = SmoothImages.dataset(48, 32, 3);
    SrTrialSpec spec = SmoothImages.spec(tmp, tmp.resolve("out"), 32, SmoothImages.tiny(80));
    SrProbe.Split split = SrProbe.split(data, new ProbeSpec(1234, 8));
    assertTrue(split.heldOut());
    assertEquals(40, split.train().count());
    List<Double> psnr = new ArrayList<>();
    List<Double> nearest = new ArrayList<>();
    TrainingListener record =
        new TrainingListener() {
          @Override
          public void onSample(int step, byte[] png, SampleOutput out) {
            psnr.add(out.metrics().get("psnr"));
            nearest.add(out.metrics().get("psnr_nearest"));
          }
        };
    TrainingResult r =
        SrTraining.run(spec, split, record, SrTraining.Extras.NONE, new StopSignal());
    assertEquals(TrainingResult.Ending.COMPLETED, r.ending(), r.reason());
    System.out.println("psnr " + psnr + " nearest " + nearest.get(0));
    double last = psnr.get(psnr.size() - 1);
    assertTrue(last > nearest.get(0) + 1.0, "psnr " + psnr + " vs nearest " + nearest.get(0));
    assertTrue(last > psnr.get(0), "psnr did not improve: " + psnr);
  }
}
