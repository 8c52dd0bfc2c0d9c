package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReporterTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private static StepMetrics at(double lossG) {
    return new StepMetrics(lossG, 0.5, 1, -1, 2, 3, 2e-4, 2e-4, 64);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceWithTheTimeLeft() {
    ProgressReporter p = new ProgressReporter(tmp, 100, 64, out, true, () -> now);
    for (int step = 1; step <= 100; step++) {
      now += 100_000_000L; // 0.1 s per step: a redraw every third step or so
      p.onStep(step, at(step == 1 ? 10.0 : 1.0));
    }
    String s = printed();
    assertTrue(s.startsWith("\rstep 3/100 loss_g=1.000 loss_d=0.500 images/s=64.0 eta 0:01:37"), s);
    assertEquals(1, s.chars().filter(c -> c == '\n').count(), "one newline, at the end: " + s);
    assertTrue(s.endsWith("\rstep 100/100 loss_g=1.000 loss_d=0.500 images/s=64.0 eta 0:00:00\n"));
  }

  @Test
  void withAdaptiveAugmentationTheLineShowsItsProbability() {
    ProgressReporter p = new ProgressReporter(tmp, 10, 64, out, false, () -> now);
    p.onStep(
        10,
        new StepMetrics(
            1, 0.5, 1, -1, 2, 3, 2e-4, 2e-4, 64, java.util.Map.of("ada_p", 0.125, "ada_rt", 0.7)));
    assertEquals(
        "step 10/10 loss_g=1.000 loss_d=0.500 images/s=64.0 ada_p=0.125\n",
        printed().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aShorterLinePadsOutTheLongerOneBeforeIt() {
    ProgressReporter p = new ProgressReporter(tmp, 100, 64, out, true, () -> now);
    now += 1_000_000_000L;
    p.onStep(1, at(1234.5));
    now += 1_000_000_000L;
    p.onStep(2, at(1.0));
    String[] redraws = printed().split("\r");
    assertEquals(redraws[1].length(), redraws[2].length());
    p.finishLine();
    assertTrue(printed().endsWith("\n"));
  }

  @Test
  void elsewherePlainLinesComeEveryTwoSecondsAndProgressJsonEverySecond() throws Exception {
    ProgressReporter p = new ProgressReporter(tmp, 10, 64, out, false, () -> now);
    for (int step = 1; step <= 10; step++) {
      now += 500_000_000L;
      p.onStep(step, at(1.0));
    }
    String s = printed();
    assertTrue(!s.contains("\r"), s);
    assertEquals(
        "step 4/10 loss_g=1.000 loss_d=0.500 images/s=64.0\n"
            + "step 8/10 loss_g=1.000 loss_d=0.500 images/s=64.0\n"
            + "step 10/10 loss_g=1.000 loss_d=0.500 images/s=64.0\n",
        s);
    assertEquals(
        "{\"step\":10,\"steps\":10,\"images_per_sec\":64.0}",
        Files.readString(tmp.resolve("progress.json")).trim());
  }
}
