package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A bucket prefix's current content as a folder trials can read: every image object under the
 * prefix is copied once into a staging folder beside the cache, the content digest of the copy is
 * computed with the same manifest code a dataset version uses ({@link ManifestReader}), and the
 * copy is moved into place as {@code <cache>/<prefix hash>-<digest>/<bucket>/<prefix>/} — so a
 * second prepare of the same content reuses it, a half-copied folder is never taken, and the folder
 * trials read ends in the prefix's own name, as a folder dataset's does (the registered model's
 * name is built from it). The trainer then reads a folder, as for any other dataset.
 */
public final class BucketMirror {
  private final Path cache;

  /**
   * @param cache the folder that holds one sub-folder per mirrored digest
   */
  public BucketMirror(Path cache) {
    this.cache = cache.toAbsolutePath().normalize();
  }

  /** The mirrored folder and the digest of what it holds. */
  public record Mirrored(Path folder, String digest, int files) {}

  /**
   * @throws BadDatasetException when the prefix cannot be listed or holds no images, naming it
   */
  public Mirrored mirror(S3Source source) {
    List<SourceFile> listing = source.list();
    String within =
        source.location().bucket()
            + (source.location().prefix().isEmpty()
                ? ""
                : "/" + source.location().prefix().replaceAll("/+$", ""));
    if (listing.isEmpty()) {
      throw new BadDatasetException(
          "dataset.path: '" + source.uri() + "' holds no images (.png, .jpg, .jpeg)");
    }
    Path staging = cache.resolve(".staging-" + UUID.randomUUID());
    Path root = staging.resolve(within).normalize();
    try {
      if (!root.startsWith(staging)) {
        throw new BadDatasetException("dataset.path: '" + source.uri() + "' leaves the mirror");
      }
      for (SourceFile f : listing) {
        Path target = root.resolve(f.path()).normalize();
        if (!target.startsWith(root)) {
          throw new BadDatasetException(
              "dataset.path: object '"
                  + f.path()
                  + "' of '"
                  + source.uri()
                  + "' leaves the prefix");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = source.open(f.path())) {
          Files.copy(in, target);
        }
      }
      Manifest manifest = ManifestReader.read(new FolderSource(root));
      // One folder per (prefix, content): the same bytes under two prefixes are two copies.
      Path digestFolder =
          cache.resolve(
              Sha256.of(within.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12)
                  + "-"
                  + manifest.digest());
      Path folder = digestFolder.resolve(within);
      if (!Files.isDirectory(folder)) {
        try {
          Files.move(staging, digestFolder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
          // Another prepare of the same content got there first: its copy is the same bytes.
        }
      }
      return new Mirrored(folder, manifest.digest(), manifest.files().size());
    } catch (IOException e) {
      throw new UncheckedIOException("could not mirror " + source.uri() + " into " + cache, e);
    } finally {
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + dir, e);
    }
  }
}
