package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.DatasetSource;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.activities.datasets.SourceFile;
import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.ui.repository.DatasetSourceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * One image of a source (a folder or a bucket prefix) as a small PNG, for the datasets page ({@code
 * GET /api/atelier/datasets/{name}/thumbnail}). Only files of the source are served: a path must be
 * relative, free of {@code ..}, name an image, and (in a folder) still lead inside the folder once
 * links are followed; an object is looked up under the source's prefix (HeadObject, GetObject). The
 * image is decoded with the JDK's ImageIO and box-averaged by {@link
 * GridThumbnails#shrink(BufferedImage, int)}, the compare page's shrink; each thumbnail is kept in
 * {@link ArtifactCache} under the file's size and modification time (an object's ETag), so a
 * rewritten image gets a new one. A removed file has no thumbnail (404): the page shows its name
 * only.
 */
@ApplicationScoped
public class DatasetThumbnails {
  public static final int MIN_WIDTH = 16;
  public static final int MAX_WIDTH = 512;

  private final DatasetSourceRepository sources;
  private final ArtifactCache cache;
  private final DatasetSourceFiles files;

  DatasetThumbnails(
      DatasetSourceRepository sources, ArtifactCache cache, DatasetSourceFiles files) {
    this.sources = sources;
    this.cache = cache;
    this.files = files;
  }

  /**
   * @throws ApiProblem 400 for a path outside the folder or a width out of range, 404 for an
   *     unknown source or a file not there, 422 for a file that does not decode as an image
   */
  public byte[] thumbnail(String name, String path, int width) {
    if (width < MIN_WIDTH || width > MAX_WIDTH) {
      throw ApiProblem.badRequest(
          "width: " + width + " must be between " + MIN_WIDTH + " and " + MAX_WIDTH + " pixels");
    }
    checkShape(path);
    DatasetSourceRow source =
        sources
            .find(name)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Dataset source not found",
                        "name: '" + name + "' is not a dataset source"));
    DatasetSource files;
    try {
      files = this.files.open(source);
    } catch (BadDatasetException e) {
      throw ApiProblem.notFound("Dataset source unavailable", e.getMessage());
    }
    if (files instanceof FolderSource folder) {
      checkInsideFolder(folder.root(), path);
    }
    SourceFile file;
    try {
      file = files.find(path).orElseThrow(() -> notThere(name, path));
    } catch (IOException e) {
      throw notThere(name, path);
    }
    String key =
        "dataset-thumbnail/"
            + width
            + "/"
            + files.uri()
            + "/"
            + path
            + "/"
            + file.size()
            + "/"
            + (file.etag() == null ? String.valueOf(file.modifiedMillis()) : file.etag());
    Optional<byte[]> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    byte[] bytes;
    try (InputStream in = files.open(path)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw notThere(name, path);
    }
    byte[] small = GridThumbnails.png(GridThumbnails.shrink(decode(bytes, path), width));
    cache.put(key, small);
    return small;
  }

  /** A folder's file must still lie inside the folder once links are followed. */
  private static void checkInsideFolder(Path root, String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw ApiProblem.badRequest("path: '" + path + "' must lie inside the source's folder");
    }
    try {
      if (Files.exists(file) && !file.toRealPath().startsWith(root.toRealPath())) {
        throw ApiProblem.badRequest(
            "path: '" + path + "' is a link that leads outside the source's folder");
      }
    } catch (IOException e) {
      // Not there: find() answers 404.
    }
  }

  /** What can be refused before the disk is read: the path's form. */
  static void checkShape(String path) {
    if (path == null || path.isBlank()) {
      throw ApiProblem.badRequest(
          "path: is required: a file's path relative to the source's folder, e.g. cats/c0.png");
    }
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      throw ApiProblem.badRequest(
          "path: '" + path + "' must be relative to the source's folder, not absolute");
    }
    for (String part : path.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw ApiProblem.badRequest(
            "path: '" + path + "' must not contain '..' (files outside the folder are not served)");
      }
    }
    if (path.indexOf('\0') >= 0) {
      throw ApiProblem.badRequest("path: must not contain a NUL character");
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
      throw ApiProblem.badRequest(
          "path: '" + path + "' must name an image (.png, .jpg, .jpeg), as sources hold");
    }
  }

  private static BufferedImage decode(byte[] bytes, String path) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw unreadable(path, "no image format recognised");
      }
      return image;
    } catch (IOException e) {
      throw unreadable(path, e.getMessage());
    }
  }

  private static ApiProblem unreadable(String path, String why) {
    return new ApiProblem(
        422, "Unreadable image", "path: '" + path + "' cannot be decoded as an image: " + why);
  }

  private static ApiProblem notThere(String name, String path) {
    return ApiProblem.notFound(
        "Dataset file not found",
        "path: '"
            + path
            + "' is not a file in dataset source '"
            + name
            + "' (removed, or never there)");
  }
}
