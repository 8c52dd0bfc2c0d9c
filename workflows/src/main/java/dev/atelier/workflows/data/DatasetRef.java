package dev.atelier.workflows.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset reference as a run gives it: an absolute folder path ({@code /srv/datasets/emoji}), or
 * a folder on a PersistentVolumeClaim ({@code pvc://<claim>/<path>}, the path relative to the
 * claim's root and empty for the root itself). Parsing only reads the text; whether the folder may
 * be used is {@link DataRoots}' question.
 *
 * @param claim the PersistentVolumeClaim, or null for a folder path
 * @param path normalised: the absolute folder, or the path inside the claim ({@code ""} for its
 *     root; no leading or trailing '/')
 */
public record DatasetRef(String claim, String path) {
  public static final String PVC = "pvc://";

  /** The form every refusal of a reference's shape points to. */
  static final String FORMS = "an absolute path or pvc://<claim>/<path>";

  private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)");

  /** Kubernetes' rule for a PersistentVolumeClaim's name: a DNS subdomain. */
  private static final Pattern CLAIM = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private static final int CLAIM_MAX = 253;

  /**
   * @param field how an error names the value, e.g. {@code params.dataset_path}
   * @throws InvalidDatasetRefException naming the field, the value and the rule
   */
  public static DatasetRef parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidDatasetRefException(
          field + ": " + shown(value) + " must name a folder: " + FORMS);
    }
    Matcher url = URL.matcher(value);
    if (url.matches()) {
      if (!url.group(1).equals("pvc")) {
        throw new InvalidDatasetRefException(
            field
                + ": '"
                + value
                + "' has the scheme '"
                + url.group(1)
                + "://', which trials cannot read; give "
                + FORMS);
      }
      return onClaim(field, value, url.group(2));
    }
    if (!value.startsWith("/")) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' is not an absolute path; give " + FORMS);
    }
    if (segments(value).contains("..")) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' must not climb with '..'; give the folder's own path");
    }
    try {
      return new DatasetRef(null, Path.of(value).normalize().toString());
    } catch (InvalidPathException e) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' is not a valid path (" + e.getReason() + ")");
    }
  }

  /** Whether this names a claim's folder. */
  public boolean onClaim() {
    return claim != null;
  }

  /** Whether {@code name} may name a PersistentVolumeClaim. */
  static boolean isClaimName(String name) {
    return name.length() <= CLAIM_MAX && CLAIM.matcher(name).matches();
  }

  static String claimRule(String field, String value) {
    return field
        + ": '"
        + value
        + "' must name a PersistentVolumeClaim after pvc:// (a DNS subdomain: lowercase letters,"
        + " digits, '-' and '.'), as in pvc://<claim>/<path>";
  }

  private static DatasetRef onClaim(String field, String value, String rest) {
    int slash = rest.indexOf('/');
    String claim = slash < 0 ? rest : rest.substring(0, slash);
    if (!isClaimName(claim)) {
      throw new InvalidDatasetRefException(claimRule(field, value));
    }
    List<String> inside = slash < 0 ? List.of() : segments(rest.substring(slash + 1));
    if (inside.contains("..")) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' must keep its path inside the claim (no '..')");
    }
    return new DatasetRef(claim, String.join("/", inside));
  }

  /** The path's names without empty and {@code .} segments. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && !segment.equals(".")) {
        out.add(segment);
      }
    }
    return out;
  }

  private static String shown(String value) {
    return value == null ? "null" : "'" + value + "'";
  }

  /** The reference in its normal form: the folder path, or {@code pvc://<claim>[/<path>]}. */
  @Override
  public String toString() {
    if (claim == null) {
      return path;
    }
    return path.isEmpty() ? PVC + claim : PVC + claim + "/" + path;
  }
}
