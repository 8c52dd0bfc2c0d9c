package dev.atelier.activities.datasets;

/**
 * One file of a version: what the digest covers (path, sha256, size) and what curation reads.
 *
 * @param dhash the 64-bit {@link DHash} of the decoded image; null when it did not decode
 * @param width 0 when it did not decode
 * @param height 0 when it did not decode
 * @param problem null for a good image, else why it cannot be trained on ("unreadable: ...",
 *     "truncated: ...")
 */
public record ManifestEntry(
    String path, String sha256, long size, Long dhash, int width, int height, String problem) {

  /** The line the version digest covers: {@code path\tsha256\tsize}. */
  public String digestLine() {
    return path + "\t" + sha256 + "\t" + size;
  }

  /** The class folder: the first path segment, or {@code .} for a file at the root. */
  public String className() {
    int slash = path.indexOf('/');
    return slash < 0 ? "." : path.substring(0, slash);
  }
}
