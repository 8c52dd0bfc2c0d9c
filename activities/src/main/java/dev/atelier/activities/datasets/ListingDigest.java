package dev.atelier.activities.datasets;

import java.util.List;

/**
 * A fingerprint of a cheap listing (path, size, modification time): the watcher compares it from
 * tick to tick, to wait for a quiet period and to skip the full scan when nothing was touched. It
 * is not the content digest: touching a file changes it, and a same-size rewrite within the same
 * millisecond would not.
 */
public final class ListingDigest {
  private ListingDigest() {}

  public static String of(List<SourceFile> files) {
    return Sha256.ofLines(
        files.stream()
            .map(f -> f.path() + "\t" + f.size() + "\t" + f.modifiedMillis())
            .sorted()
            .toList());
  }
}
