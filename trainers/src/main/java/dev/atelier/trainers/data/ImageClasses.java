package dev.atelier.trainers.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Class labels from folder names: an image's class is the first folder below the data set's root on
 * its path ({@code root/cat/a.png} and {@code root/cat/tabby/b.png} are both "cat"), as
 * torchvision's {@code ImageFolder} does. An image directly in the root has no class.
 */
public final class ImageClasses {
  /** The label of an image directly in the root. */
  public static final int UNLABELLED = -1;

  private ImageClasses() {}

  /** The class of {@code file} under {@code root}, or empty when it lies directly in the root. */
  public static Optional<String> of(Path root, Path file) {
    Path rel = root.relativize(file);
    return rel.getNameCount() < 2 ? Optional.empty() : Optional.of(rel.getName(0).toString());
  }

  /** The sorted class names of the files, so a label means the same on every machine. */
  public static List<String> names(Path root, List<Path> files) {
    TreeSet<String> names = new TreeSet<>();
    files.forEach(f -> of(root, f).ifPresent(names::add));
    return List.copyOf(names);
  }
}
