package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.trainers.spec.ProgressiveSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthScheduleTest {
  /*
   * start 8, size 32, batch 16, stabilise 32 images (2 steps), fade 64 images (4 steps):
   *
   *   step   0  1 | 2    3    4    5    6  7 | 8    9    10   11   12 ...
   *   res    8  8 | 16   16   16   16   16 16| 32   32   32   32   32
   *   alpha  1  1 | 0   .25  .5  .75    1  1 | 0   .25  .5  .75    1
   */
  @Test
  void theResolutionDoublesAfterEachPhaseAndAlphaRampsAcrossTheFade() {
    GrowthSchedule s = new GrowthSchedule(new ProgressiveSpec(8, 64, 32), 32, 16);
    List<String> seen = new ArrayList<>();
    for (int step = 0; step <= 13; step++) {
      GrowthSchedule.Stage st = s.at(step);
      seen.add(st.resolution() + "@" + st.alpha());
    }
    assertEquals(
        List.of(
            "8@1.0", "8@1.0", "16@0.0", "16@0.25", "16@0.5", "16@0.75", "16@1.0", "16@1.0",
            "32@0.0", "32@0.25", "32@0.5", "32@0.75", "32@1.0", "32@1.0"),
        seen);
    assertEquals(new GrowthSchedule.Stage(2, 32, 1.0), s.at(1_000_000));
  }

  @Test
  void aFadeThatEndsMidBatchAndNoStabilisingStillReachesFullSize() {
    GrowthSchedule s = new GrowthSchedule(new ProgressiveSpec(16, 20, 0), 128, 8);
    assertEquals(new GrowthSchedule.Stage(1, 32, 0.0), s.at(0));
    assertEquals(new GrowthSchedule.Stage(1, 32, 0.8), s.at(2));
    assertEquals(new GrowthSchedule.Stage(2, 64, 0.2), s.at(3)); // 24 images: 4 into the next fade
    assertEquals(new GrowthSchedule.Stage(3, 128, 1.0), s.at(8));
  }
}
