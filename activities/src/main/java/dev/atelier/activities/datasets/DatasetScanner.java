package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Scans an image folder recursively for the formats the trainer reads. The fingerprint is a SHA-256
 * over the sorted relative names and sizes: adding, removing, renaming or resizing an image changes
 * it, reading pixel bytes of thousands of files does not happen.
 */
public final class DatasetScanner {
  static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

  private DatasetScanner() {}

  public static DatasetVersion scan(Path folder) {
    return scan(folder, image -> {});
  }

  /**
   * @param eachImage sees every image found before it counts, and may refuse it by throwing (an
   *     image that a symbolic link takes outside the data roots)
   */
  public static DatasetVersion scan(Path folder, Consumer<Path> eachImage) {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new BadDatasetException("dataset.path: '" + folder + "' does not exist");
    }
    List<Path> images;
    try (Stream<Path> walk = Files.walk(root)) {
      images = walk.filter(Files::isRegularFile).filter(DatasetScanner::isImage).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not scan " + root, e);
    }
    images.forEach(eachImage);
    if (images.isEmpty()) {
      throw new BadDatasetException("dataset.path: '" + folder + "' holds no images");
    }
    MessageDigest sha = sha256();
    images.stream()
        .map(p -> root.relativize(p).toString().replace('\\', '/') + "\t" + size(p) + "\n")
        .sorted()
        .forEach(line -> sha.update(line.getBytes(StandardCharsets.UTF_8)));
    return new DatasetVersion(
        root.toString(), images.size(), HexFormat.of().formatHex(sha.digest()));
  }

  static boolean isImage(Path p) {
    return isImageName(p.getFileName().toString());
  }

  /** Whether a file or object name ends in one of the image extensions the trainer reads. */
  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of " + p, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
