package dev.atelier.activities.datasets;

import java.util.List;

/**
 * A fingerprint of a cheap listing: the watcher compares it from tick to tick, to wait for a quiet
 * period and to skip the full scan when nothing was touched. A folder's file counts by path, size
 * and modification time; an object in a bucket by key, size and ETag (a re-upload of the same bytes
 * keeps its ETag). It is not the content digest: touching a file changes it, and a same-size
 * rewrite within the same millisecond would not.
 */
public final class ListingDigest {
  private ListingDigest() {}

  public static String of(List<SourceFile> files) {
    return Sha256.ofLines(
        files.stream()
            .map(
                f ->
                    f.path()
                        + "\t"
                        + f.size()
                        + "\t"
                        + (f.etag() == null ? String.valueOf(f.modifiedMillis()) : f.etag()))
            .sorted()
            .toList());
  }
}
