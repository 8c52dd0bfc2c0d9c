package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A local folder (or a mounted volume) as a dataset source: its image files, recursively. */
public final class FolderSource implements DatasetSource {
  private final Path root;

  public FolderSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String uri() {
    return root.toUri().toString().replaceAll("/$", "");
  }

  @Override
  public List<SourceFile> list() {
    if (!Files.isDirectory(root)) {
      throw new BadDatasetException("path: '" + root + "' is not a folder (missing or a file)");
    }
    if (!Files.isReadable(root)) {
      throw new BadDatasetException("path: '" + root + "' cannot be read by the app");
    }
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(DatasetScanner::isImage).toList()) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // Gone between walking and reading: the next listing has it or not.
        }
        if (a.isRegularFile()) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          files.add(new SourceFile(rel, a.size(), a.lastModifiedTime().toMillis()));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new BadDatasetException("path: '" + root + "' cannot be listed: " + e.getMessage());
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return files;
  }

  @Override
  public Optional<SourceFile> find(String path) throws IOException {
    Path file = inside(path);
    if (!DatasetScanner.isImage(file) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return Optional.of(new SourceFile(path, a.size(), a.lastModifiedTime().toMillis()));
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(inside(path));
  }

  private Path inside(String path) throws IOException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new IOException("'" + path + "' is outside " + root);
    }
    return file;
  }
}
