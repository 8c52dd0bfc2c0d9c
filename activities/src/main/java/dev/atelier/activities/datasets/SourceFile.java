package dev.atelier.activities.datasets;

/**
 * One file as a source lists it, without reading it: enough for the watcher to tell that a listing
 * changed.
 *
 * @param path relative to the source's root, with {@code /} separators
 * @param size bytes
 * @param modifiedMillis last modification, epoch milliseconds
 * @param etag what the store says about the content without it being read (an S3 object's ETag), or
 *     null where there is none (a folder's file)
 */
public record SourceFile(String path, long size, long modifiedMillis, String etag) {
  /** A file with no ETag: a folder's. */
  public SourceFile(String path, long size, long modifiedMillis) {
    this(path, size, modifiedMillis, null);
  }
}
