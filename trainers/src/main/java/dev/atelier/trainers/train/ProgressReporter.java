package dev.atelier.trainers.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Shows progress to people and to the platform: a line on stdout about every two seconds, and
 * {@code progress.json} about every second, replaced atomically so a reader never sees half a file.
 */
public final class ProgressReporter implements TrainingListener {
  private static final long FILE_EVERY_NANOS = 1_000_000_000L;
  private static final long LINE_EVERY_NANOS = 2_000_000_000L;

  private final Path progressFile;
  private final int steps;
  private final PrintStream out;
  private long lastFile;
  private long lastLine;

  public ProgressReporter(Path outputDir, int steps, PrintStream out) {
    this.progressFile = outputDir.resolve("progress.json");
    this.steps = steps;
    this.out = out;
    this.lastFile = System.nanoTime();
    this.lastLine = lastFile;
  }

  @Override
  public void onResume(Path dir, int step) {
    out.println("resuming from " + dir + " at step " + step);
  }

  @Override
  public void onStep(int step, StepMetrics m) {
    double imagesPerSec = m.imagesPerSec();
    long now = System.nanoTime();
    boolean last = step == steps;
    if (last || now - lastLine >= LINE_EVERY_NANOS) {
      lastLine = now;
      out.printf(
          Locale.ROOT,
          "step %d/%d loss_g=%.3f loss_d=%.3f images/s=%.1f%n",
          step,
          steps,
          m.lossG(),
          m.lossD(),
          imagesPerSec);
    }
    if (last || now - lastFile >= FILE_EVERY_NANOS) {
      lastFile = now;
      write(step, imagesPerSec);
    }
  }

  public void write(int step, double imagesPerSec) {
    String json =
        String.format(
            Locale.ROOT,
            "{\"step\":%d,\"steps\":%d,\"images_per_sec\":%.1f}%n",
            step,
            steps,
            imagesPerSec);
    try {
      Path tmp = progressFile.resolveSibling("progress.json.tmp");
      Files.writeString(tmp, json);
      Files.move(
          tmp, progressFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
