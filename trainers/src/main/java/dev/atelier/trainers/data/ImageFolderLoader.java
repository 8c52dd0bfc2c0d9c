package dev.atelier.trainers.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * Loads every image under a folder into an {@link ImageDataset}. Files that fail to decode
 * (unreadable, not an image, truncated, corrupt; see {@link ImageDecoder}) are skipped and counted
 * rather than failing the trial: one corrupt file in thousands should not cost a sweep, but the
 * count is logged so a mostly-broken folder is noticed. Each image's class is its first sub-folder
 * ({@link ImageClasses}); a class whose every file failed to decode keeps its index.
 *
 * <p>Files the exclude set names ({@link ExcludeFile}: a version's duplicates or rejects) are not
 * read at all; the class names still come from every file, so a label means the same with or
 * without exclusions and a checkpoint trained with them fits the folder without.
 */
public final class ImageFolderLoader {
  private ImageFolderLoader() {}

  public static ImageDataset load(Path dir, int size, int background) {
    return load(dir, size, background, Set.of());
  }

  /**
   * @param exclude paths relative to {@code dir}, {@code /}-separated, to leave out; a path that
   *     names no file is ignored
   */
  public static ImageDataset load(Path dir, int size, int background, Set<String> exclude) {
    List<Path> found = ImageFiles.under(dir);
    List<String> classes = ImageClasses.names(dir, found);
    List<Path> files =
        exclude.isEmpty()
            ? found
            : found.stream().filter(f -> !exclude.contains(ExcludeFile.relative(dir, f))).toList();
    ImagePreparer preparer = new ImagePreparer(size, background);
    int len = 3 * size * size;
    float[] all = new float[files.size() * len];
    AtomicIntegerArray ok = new AtomicIntegerArray(files.size());
    IntStream.range(0, files.size())
        .parallel()
        .forEach(
            i -> {
              BufferedImage img = ImageDecoder.read(files.get(i));
              if (img != null) {
                preparer.prepare(img, all, i * len);
                ok.set(i, 1);
              }
            });
    // Pack the good ones to the front so the array holds no holes.
    int count = 0;
    int[] labels = new int[files.size()];
    for (int i = 0; i < files.size(); i++) {
      if (ok.get(i) == 1) {
        if (count != i) {
          System.arraycopy(all, i * len, all, count * len, len);
        }
        labels[count] =
            ImageClasses.of(dir, files.get(i))
                .map(classes::indexOf)
                .orElse(ImageClasses.UNLABELLED);
        count++;
      }
    }
    float[] pixels = count == files.size() ? all : Arrays.copyOf(all, count * len);
    return new ImageDataset(
        pixels,
        count,
        size,
        files.size() - count,
        Arrays.copyOf(labels, count),
        classes,
        found.size() - files.size());
  }
}
