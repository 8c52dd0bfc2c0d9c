package dev.atelier.trainers.spec;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where the images are and how they are prepared.
 *
 * @param background RGB that transparent pixels are composited on, as 0xRRGGBB
 * @param exclude paths relative to {@code path} ({@code /}-separated) that training leaves out: the
 *     lines of {@code dataset.exclude_file}, empty without one
 */
public record DatasetSpec(Path path, int imageSize, int background, Set<String> exclude) {
  public DatasetSpec {
    exclude = Set.copyOf(exclude);
  }

  /** A data set that leaves nothing out. */
  public DatasetSpec(Path path, int imageSize, int background) {
    this(path, imageSize, background, Set.of());
  }
}
