package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a dataset's files live. The folder kind is {@link FolderSource}; a bucket prefix of an
 * S3-compatible server is meant to be the next implementation: listing is its ListObjects, opening
 * its GetObject.
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

  /** The bytes of one listed file. */
  InputStream open(String path) throws IOException;
}
