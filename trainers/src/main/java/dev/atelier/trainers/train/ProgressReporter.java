package dev.atelier.trainers.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows progress to people and to the platform. On a terminal, one line redrawn in place ({@code
 * \r}) about four times a second, with the time left; otherwise (a log file, a pod's log) a plain
 * line about every two seconds. And {@code progress.json} about every second, replaced atomically
 * so a reader never sees half a file.
 */
public final class ProgressReporter implements TrainingListener {
  private static final long FILE_EVERY_NANOS = 1_000_000_000L;
  private static final long LINE_EVERY_NANOS = 2_000_000_000L;
  private static final long REDRAW_EVERY_NANOS = 250_000_000L;

  private final Path progressFile;
  private final int steps;
  private final int batchSize;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier clock;
  private long lastFile;
  private long lastLine;
  private int openLine;

  /**
   * @param terminal whether {@code out} is a terminal that honours carriage returns
   */
  public ProgressReporter(
      Path outputDir, int steps, int batchSize, PrintStream out, boolean terminal) {
    this(outputDir, steps, batchSize, out, terminal, System::nanoTime);
  }

  ProgressReporter(
      Path outputDir,
      int steps,
      int batchSize,
      PrintStream out,
      boolean terminal,
      LongSupplier clock) {
    this.progressFile = outputDir.resolve("progress.json");
    this.steps = steps;
    this.batchSize = batchSize;
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
    this.lastFile = clock.getAsLong();
    this.lastLine = lastFile;
  }

  @Override
  public void onResume(Path dir, int step) {
    finishLine();
    out.println("resuming from " + dir + " at step " + step);
  }

  @Override
  public void onStep(int step, StepMetrics m) {
    long now = clock.getAsLong();
    boolean last = step == steps;
    if (last || now - lastLine >= (terminal ? REDRAW_EVERY_NANOS : LINE_EVERY_NANOS)) {
      lastLine = now;
      String line =
          String.format(
              Locale.ROOT,
              "step %d/%d loss_g=%.3f loss_d=%.3f images/s=%.1f",
              step,
              steps,
              m.lossG(),
              m.lossD(),
              m.imagesPerSec());
      Double adaP = m.extra().get("ada_p");
      if (adaP != null) {
        line += String.format(Locale.ROOT, " ada_p=%.3f", adaP);
      }
      if (terminal) {
        line += eta(steps - step, m.imagesPerSec());
        // Spaces wipe what a longer previous line left behind.
        out.print("\r" + line + " ".repeat(Math.max(0, openLine - line.length())));
        out.flush();
        openLine = line.length();
        if (last) {
          finishLine();
        }
      } else {
        out.println(line);
      }
    }
    if (last || now - lastFile >= FILE_EVERY_NANOS) {
      lastFile = now;
      write(step, m.imagesPerSec());
    }
  }

  private String eta(int stepsLeft, double imagesPerSec) {
    if (imagesPerSec <= 0) {
      return "";
    }
    long s = Math.round(stepsLeft * (double) batchSize / imagesPerSec);
    return String.format(Locale.ROOT, " eta %d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  /** Ends a line being redrawn, so whatever is printed next starts on its own line. */
  public void finishLine() {
    if (openLine > 0) {
      out.println();
      openLine = 0;
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
