package dev.atelier.trainers.tracking;

import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.SampleOutput;
import dev.atelier.trainers.train.StepMetrics;
import dev.atelier.trainers.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Forwards the loop's reports to MLflow using the artifact layout the platform reads. */
public final class MlflowListener implements TrainingListener {
  private final MlflowRun run;

  public MlflowListener(MlflowRun run) {
    this.run = run;
  }

  /** The first real batch as a grid, beside which the samples are judged. */
  public static final String REAL_GRID = "inputs/real_grid.png";

  public static String samplePath(int step) {
    return String.format(Locale.ROOT, "samples/step_%07d.png", step);
  }

  @Override
  public void onRealGrid(byte[] png) {
    run.artifact(REAL_GRID, png);
  }

  @Override
  public void onStep(int step, StepMetrics metrics) {
    metrics.asMap().forEach((k, v) -> run.metric(k, v, step));
  }

  @Override
  public void onSample(int step, byte[] gridPng, SampleOutput output) {
    run.artifact(samplePath(step), gridPng);
    output.metrics().forEach((k, v) -> run.metric(k, v, step));
    output.artifacts().forEach(run::artifact);
  }

  @Override
  public void onCheckpoint(Path dir, int step) {
    try (Stream<Path> files = Files.list(dir)) {
      // Copies, because the uploads run later and a resumed run may overwrite the files.
      // Only what a user of the trained model needs; optimizer state serves local resuming.
      files
          .filter(Files::isRegularFile)
          .filter(f -> Checkpoint.isExported(f.getFileName().toString()))
          .sorted()
          .forEach(f -> run.artifact("checkpoints/final/" + f.getFileName(), read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Queues the generator and descriptor of a sample step for {@code checkpoints/step_NNNNNNN/}:
   * read here, on the training thread (a few MB from local disk), because the snapshot folder is
   * deleted and a step checkpoint may be pruned as soon as this returns; sent later, off the step
   * path, by the uploader.
   */
  @Override
  public void onSampleCheckpoint(Path dir, int step) {
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> Checkpoint.isSampleExported(f.getFileName().toString()))
          .sorted()
          .forEach(
              f -> run.artifact(Checkpoint.artifactDir(step) + "/" + f.getFileName(), read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
