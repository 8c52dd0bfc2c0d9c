package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.DatasetSource;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.activities.datasets.S3Location;
import dev.atelier.activities.datasets.S3Source;
import dev.atelier.ui.repository.DatasetSourceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;

/**
 * The files behind a source row ({@code dataset_source.kind}): a folder for {@code folder}, a
 * bucket prefix of the app's S3 server ({@link S3Connection}) for {@code s3}. The watcher, scans
 * and thumbnails see only the {@link DatasetSource} seam.
 */
@ApplicationScoped
public class DatasetSourceFiles {
  private final S3Connection s3;

  DatasetSourceFiles(S3Connection s3) {
    this.s3 = s3;
  }

  /**
   * @throws BadDatasetException for a bucket source while no S3 server is configured
   */
  public DatasetSource open(DatasetSourceRow source) {
    if ("s3".equals(source.kind())) {
      return bucket("uri", source.uri());
    }
    return new FolderSource(Path.of(URI.create(source.uri())));
  }

  /**
   * @param field the request field the URI came in
   * @throws BadDatasetException naming the field for a malformed URI or no S3 server
   */
  public S3Source bucket(String field, String uri) {
    S3Location location = S3Location.parse(field, uri);
    return new S3Source(s3.client(field, uri), location);
  }

  /** Which request field or column names the source's location in messages. */
  static String field(DatasetSourceRow source) {
    return "s3".equals(source.kind()) ? "uri" : "path";
  }
}
