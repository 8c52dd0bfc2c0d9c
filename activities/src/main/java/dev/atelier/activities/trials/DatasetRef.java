package dev.atelier.activities.trials;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a trial's dataset lives, from the {@code path} a dataset task gives: a plain path (as the
 * trainer sees it: on this machine, or baked into the trainer image) or {@code
 * pvc://<claim>/<path>}, a folder on a PersistentVolumeClaim, which a Kubernetes trial mounts
 * read-only at {@link #MOUNT_DIR}. Any other scheme ({@code s3://}, ...) is refused: the trainer
 * reads files, and nothing here would fetch them.
 *
 * @param claim the PersistentVolumeClaim, or null for a plain path
 * @param path the path inside the claim (no leading '/'; "" for its root), or the plain path
 */
public record DatasetRef(String claim, String path) {
  /** Where a claim's root appears in a trial's pod. */
  public static final String MOUNT_DIR = "/var/atelier/dataset";

  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)");
  private static final Pattern CLAIM = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /**
   * @param field how the error names the value, e.g. {@code dataset.path}
   * @throws IllegalArgumentException naming the field, the value and the rule
   */
  public static DatasetRef parse(String field, String value) {
    if (value == null) {
      return new DatasetRef(null, null);
    }
    Matcher m = SCHEME.matcher(value);
    if (!m.matches()) {
      return new DatasetRef(null, value);
    }
    if (!m.group(1).equals("pvc")) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + value
              + "' has the scheme '"
              + m.group(1)
              + "://', which trials cannot read; give a path or pvc://<claim>/<path>");
    }
    String rest = m.group(2);
    int slash = rest.indexOf('/');
    String claim = slash < 0 ? rest : rest.substring(0, slash);
    String inside = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
    if (claim.length() > 253 || !CLAIM.matcher(claim).matches()) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + value
              + "' must name a PersistentVolumeClaim after pvc:// (a DNS subdomain), as in"
              + " pvc://<claim>/<path>");
    }
    if (inside.startsWith("/")
        || inside.equals("..")
        || inside.startsWith("../")
        || inside.contains("/../")
        || inside.endsWith("/..")) {
      throw new IllegalArgumentException(
          field + ": '" + value + "' must keep its path inside the claim (no '..')");
    }
    return new DatasetRef(claim, inside);
  }

  /** The claim to mount, when the dataset is on one. */
  public Optional<String> volumeClaim() {
    return Optional.ofNullable(claim);
  }

  /** The path the trainer reads: inside {@link #MOUNT_DIR} for a claim, else as given. */
  public String trainerPath() {
    if (claim == null) {
      return path;
    }
    return path.isEmpty() ? MOUNT_DIR : MOUNT_DIR + "/" + path;
  }
}
