package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where a dataset's files live: a folder ({@link FolderSource}) or a bucket prefix of an
 * S3-compatible server ({@link S3Source}: listing is its ListObjectsV2, opening its GetObject).
 */
public interface DatasetSource {
  /** What the source is, as a URI ({@code file:///srv/data/emoji}). */
  String uri();

  /**
   * The image files, cheaply (names, sizes, modification times; no content read).
   *
   * @throws BadDatasetException when the source is missing or cannot be listed, naming it
   */
  List<SourceFile> list();

  /**
   * One file as {@link #list()} would show it, without listing the others; empty when it is not
   * there (or is not an image).
   */
  Optional<SourceFile> find(String path) throws IOException;

  /** The bytes of one listed file. */
  InputStream open(String path) throws IOException;
}
