package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket prefix of an S3-compatible server as a dataset source: its image objects, at any depth
 * under the prefix, through the AWS SDK for Java v2. Listing is ListObjectsV2, page by page (key
 * relative to the prefix as the path, size, last-modified, ETag); opening is GetObject. The ETag
 * feeds only the cheap listing: a multipart upload's ETag is not a content hash, so versions still
 * digest the bytes read.
 */
public final class S3Source implements DatasetSource {
  /** ListObjectsV2's own maximum per page. */
  static final int PAGE = 1000;

  private final S3Client s3;
  private final S3Location location;
  private final int pageSize;

  /**
   * @param s3 a client the caller owns (and closes)
   */
  public S3Source(S3Client s3, S3Location location) {
    this(s3, location, PAGE);
  }

  /** With smaller pages, so a test sees the continuation tokens at work. */
  S3Source(S3Client s3, S3Location location, int pageSize) {
    this.s3 = s3;
    this.location = location;
    this.pageSize = pageSize;
  }

  public S3Location location() {
    return location;
  }

  @Override
  public String uri() {
    return location.uri();
  }

  @Override
  public List<SourceFile> list() {
    List<SourceFile> files = new ArrayList<>();
    try {
      for (S3Object o :
          s3.listObjectsV2Paginator(
                  r -> r.bucket(location.bucket()).prefix(location.prefix()).maxKeys(pageSize))
              .contents()) {
        String path = o.key().substring(location.prefix().length());
        if (path.isEmpty() || path.endsWith("/") || !DatasetScanner.isImageName(name(path))) {
          continue;
        }
        files.add(
            new SourceFile(
                path,
                o.size() == null ? 0 : o.size(),
                o.lastModified() == null ? 0 : o.lastModified().toEpochMilli(),
                o.eTag()));
      }
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      throw new BadDatasetException(
          "uri: '"
              + uri()
              + "' cannot be listed: "
              + (code == null ? "HTTP " + e.statusCode() : code)
              + (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                  ? " (" + e.awsErrorDetails().errorMessage() + ")"
                  : ""));
    } catch (SdkClientException e) {
      throw new BadDatasetException(
          "uri: '" + uri() + "' cannot be listed: the S3 server did not answer: " + e.getMessage());
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return files;
  }

  @Override
  public Optional<SourceFile> find(String path) throws IOException {
    if (!DatasetScanner.isImageName(name(path))) {
      return Optional.empty();
    }
    try {
      HeadObjectResponse head =
          s3.headObject(h -> h.bucket(location.bucket()).key(location.prefix() + path));
      return Optional.of(
          new SourceFile(
              path,
              head.contentLength() == null ? 0 : head.contentLength(),
              head.lastModified() == null ? 0 : head.lastModified().toEpochMilli(),
              head.eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException(
          "'" + path + "' in '" + uri() + "' cannot be read: " + e.getMessage(), e);
    } catch (SdkClientException e) {
      throw new IOException(
          "'" + path + "' in '" + uri() + "' cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return s3.getObject(g -> g.bucket(location.bucket()).key(location.prefix() + path));
    } catch (NoSuchKeyException e) {
      throw new java.nio.file.NoSuchFileException(uri() + "/" + path);
    } catch (S3Exception | SdkClientException e) {
      throw new IOException(
          "'" + path + "' in '" + uri() + "' cannot be read: " + e.getMessage(), e);
    }
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
