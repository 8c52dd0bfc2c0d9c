package dev.atelier.trainers.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code dataset.exclude_file}: one path per line, relative to the data set's folder with {@code /}
 * between folders (as the worker writes it from a version's curation report); blank lines and lines
 * starting with {@code #} are ignored. A path that names no file is simply not there to skip.
 */
public final class ExcludeFile {
  private ExcludeFile() {}

  public static Set<String> read(Path file) throws IOException {
    Set<String> paths = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String p = line.strip();
      if (!p.isEmpty() && !p.startsWith("#")) {
        paths.add(p);
      }
    }
    return paths;
  }

  /** {@code file}'s path under {@code root} as the exclude file writes it. */
  public static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
