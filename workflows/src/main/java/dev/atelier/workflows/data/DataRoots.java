package dev.atelier.workflows.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders datasets may come from, {@code ATELIER_DATA_ROOTS}: comma-separated entries, each a
 * worker folder ({@code /srv/datasets}) or a PersistentVolumeClaim ({@code pvc://datasets}),
 * optionally with the folder where the worker has it mounted ({@code
 * pvc://datasets=/mnt/datasets}).
 *
 * <p>{@link #resolve} confines a run's dataset reference to these roots for the launcher that runs
 * its trials. Local trials read a folder on the worker: a path under a folder root or under a
 * claim's mount, or {@code pvc://} of a claim the worker has mounted. Kubernetes trials read a
 * claim: {@code pvc://} of a configured claim, or a path under a claim's worker mount, which
 * becomes its {@code pvc://} form. A folder the worker can see must exist, and its real path
 * (symbolic links followed) must stay inside its root.
 *
 * <p>Unset, there are no roots: local trials may read any folder the worker can read (what {@code
 * ./atelier test} relies on: tests train on temporary folders), Kubernetes trials nothing. A
 * deployment sets the variable.
 */
public final class DataRoots {
  public static final String VARIABLE = "ATELIER_DATA_ROOTS";

  private static final String SYNTAX =
      "an absolute folder, pvc://<claim> or pvc://<claim>=<folder where the worker mounts it>";

  private final List<Path> folders;

  /** Claim → where the worker mounts it; null when it does not. */
  private final Map<String, Path> claims;

  private final boolean configured;

  private DataRoots(List<Path> folders, Map<String, Path> claims, boolean configured) {
    this.folders = List.copyOf(folders);
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    this.configured = configured;
  }

  /** No roots: local trials read any readable folder, Kubernetes trials none. */
  public static DataRoots unset() {
    return new DataRoots(List.of(), Map.of(), false);
  }

  /** {@code $ATELIER_DATA_ROOTS}, parsed. */
  public static DataRoots fromEnvironment() {
    return parse(System.getenv(VARIABLE));
  }

  /**
   * @param spec the variable's value; null or blank for {@link #unset()}
   * @throws IllegalArgumentException naming the variable, each bad entry and the rule it breaks
   */
  public static DataRoots parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return unset();
    }
    List<Path> folders = new ArrayList<>();
    Map<String, Path> claims = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      try {
        entry(raw.strip(), spec, folders, claims);
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new DataRoots(folders, claims, true);
  }

  private static void entry(
      String entry, String spec, List<Path> folders, Map<String, Path> claims) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException(
          VARIABLE + ": '" + spec + "' has an empty entry; separate the roots with single commas");
    }
    if (entry.startsWith(DatasetRef.PVC)) {
      claimRoot(entry, claims);
    } else if (entry.contains("://")) {
      throw bad(entry, "is not " + SYNTAX);
    } else {
      Path folder = folder(entry, entry);
      if (folders.contains(folder)) {
        throw bad(entry, "is given twice");
      }
      folders.add(folder);
    }
  }

  private static void claimRoot(String entry, Map<String, Path> claims) {
    String body = entry.substring(DatasetRef.PVC.length());
    int eq = body.indexOf('=');
    String claim = eq < 0 ? body : body.substring(0, eq);
    if (claim.contains("/")) {
      throw bad(
          entry,
          "names a folder inside a claim; a claim root is the whole claim: pvc://<claim> or"
              + " pvc://<claim>=<folder where the worker mounts it>");
    }
    if (!DatasetRef.isClaimName(claim)) {
      throw new IllegalArgumentException(DatasetRef.claimRule(VARIABLE, entry));
    }
    if (claims.containsKey(claim)) {
      throw bad(entry, "gives claim '" + claim + "' a second time");
    }
    claims.put(claim, eq < 0 ? null : folder(entry, body.substring(eq + 1)));
  }

  /** An absolute folder without '..', normalised. */
  private static Path folder(String entry, String path) {
    if (!path.startsWith("/")) {
      throw bad(entry, "is not " + SYNTAX);
    }
    if (List.of(path.split("/")).contains("..")) {
      throw bad(entry, "must not climb with '..'");
    }
    try {
      return Path.of(path).normalize();
    } catch (InvalidPathException e) {
      throw bad(entry, "is not a valid path (" + e.getReason() + ")");
    }
  }

  private static IllegalArgumentException bad(String entry, String rule) {
    return new IllegalArgumentException(VARIABLE + ": '" + entry + "' " + rule);
  }

  /** Whether the variable was set. */
  public boolean configured() {
    return configured;
  }

  /**
   * Resolves a dataset reference for the launcher that runs the trials.
   *
   * @param field how errors name the value, e.g. {@code params.dataset_path}
   * @param value a folder path or {@code pvc://<claim>/<path>}
   * @param launcher {@code local} (also null or blank) or {@code kubernetes}
   * @throws InvalidDatasetRefException naming the field, the value and the rule it breaks
   * @throws IllegalArgumentException for a launcher that is neither
   */
  public ResolvedDataset resolve(String field, String value, String launcher) {
    boolean kubernetes = isKubernetes(launcher);
    DatasetRef ref = DatasetRef.parse(field, value);
    return ref.onClaim()
        ? onClaim(field, value, ref, kubernetes)
        : onWorker(field, value, ref, kubernetes);
  }

  private ResolvedDataset onClaim(String field, String value, DatasetRef ref, boolean kubernetes) {
    String claim = ref.claim();
    if (!claims.containsKey(claim)) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "': claim '" + claim + "' is not a data root (" + this + ")");
    }
    Path mount = claims.get(claim);
    if (mount == null) {
      if (!kubernetes) {
        throw new InvalidDatasetRefException(notMounted(field, value, claim));
      }
      return new ResolvedDataset(ref.toString(), claim, null, ref.toString(), List.of());
    }
    Path worker = ref.path().isEmpty() ? mount : mount.resolve(ref.path());
    Path real = realFolder(field, value, worker, ref);
    List<Path> allowed = kubernetes ? List.of(mount) : allRoots();
    requireInside(field, value, real, allowed, claimRoot(claim));
    String trialPath = kubernetes ? pvc(claim, mount, real) : worker.toString();
    return new ResolvedDataset(ref.toString(), claim, worker, trialPath, realPaths(allowed));
  }

  private ResolvedDataset onWorker(String field, String value, DatasetRef ref, boolean kubernetes) {
    Path worker = Path.of(ref.path());
    String claim = claimMounting(worker);
    if (kubernetes) {
      if (claim == null) {
        throw new InvalidDatasetRefException(
            field
                + ": '"
                + value
                + "' is not on a PersistentVolumeClaim, which Kubernetes trials read datasets"
                + " from: give pvc://<claim>/<path> or a folder under a claim's worker mount ("
                + this
                + ")");
      }
      Path mount = claims.get(claim);
      Path real = realFolder(field, value, worker, ref);
      requireInside(field, value, real, List.of(mount), claimRoot(claim));
      return new ResolvedDataset(
          ref.toString(), claim, worker, pvc(claim, mount, real), realPaths(List.of(mount)));
    }
    if (!configured) {
      realFolder(field, value, worker, ref);
      return new ResolvedDataset(ref.toString(), null, worker, worker.toString(), List.of());
    }
    Path folder = folderHolding(worker);
    Path mount = claim == null ? null : claims.get(claim);
    if (folder == null && mount == null) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' is not under a data root (" + this + ")");
    }
    Path real = realFolder(field, value, worker, ref);
    boolean inMount = mount != null && (folder == null || mount.startsWith(folder));
    requireInside(field, value, real, allRoots(), inMount ? claimRoot(claim) : folder.toString());
    return new ResolvedDataset(
        ref.toString(), claim, worker, worker.toString(), realPaths(allRoots()));
  }

  /** Every folder the worker may read datasets from: folder roots and claims' mounts. */
  private List<Path> allRoots() {
    List<Path> roots = new ArrayList<>(folders);
    claims.values().stream().filter(m -> m != null).forEach(roots::add);
    return roots;
  }

  /** The claim whose worker mount holds {@code path} (the deepest mount), or null. */
  private String claimMounting(Path path) {
    String found = null;
    for (Map.Entry<String, Path> e : claims.entrySet()) {
      Path mount = e.getValue();
      if (mount != null
          && path.startsWith(mount)
          && (found == null || mount.getNameCount() > claims.get(found).getNameCount())) {
        found = e.getKey();
      }
    }
    return found;
  }

  private Path folderHolding(Path path) {
    return folders.stream()
        .filter(path::startsWith)
        .max((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount()))
        .orElse(null);
  }

  /** The folder's real path; it must exist, be a folder, and be readable by this process. */
  private static Path realFolder(String field, String value, Path worker, DatasetRef ref) {
    String where = ref.onClaim() ? " (the worker reads it at " + worker + ")" : "";
    if (!Files.exists(worker)) {
      throw new InvalidDatasetRefException(field + ": '" + value + "' does not exist" + where);
    }
    if (!Files.isDirectory(worker)) {
      throw new InvalidDatasetRefException(field + ": '" + value + "' is not a folder" + where);
    }
    if (!Files.isReadable(worker) || !Files.isExecutable(worker)) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' cannot be read by the worker" + where);
    }
    try {
      return worker.toRealPath();
    } catch (IOException e) {
      throw new InvalidDatasetRefException(
          field + ": '" + value + "' cannot be read by the worker" + where);
    }
  }

  /** Symbolic links must not lead out of the roots the trials may read. */
  private static void requireInside(
      String field, String value, Path real, List<Path> roots, String rootShown) {
    if (roots.stream().noneMatch(root -> real.startsWith(realPath(root)))) {
      throw new InvalidDatasetRefException(
          field
              + ": '"
              + value
              + "' leads to '"
              + real
              + "' through a symbolic link, outside its data root '"
              + rootShown
              + "'");
    }
  }

  /** The pvc:// form of a folder under a claim's mount, from its real path. */
  private static String pvc(String claim, Path mount, Path real) {
    return new DatasetRef(claim, realPath(mount).relativize(real).toString()).toString();
  }

  private static List<Path> realPaths(List<Path> roots) {
    return roots.stream().map(DataRoots::realPath).toList();
  }

  /** A root's real path; a root that does not exist holds nothing, so its own path serves. */
  private static Path realPath(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root;
    }
  }

  private String claimRoot(String claim) {
    Path mount = claims.get(claim);
    return DatasetRef.PVC + claim + (mount == null ? "" : "=" + mount);
  }

  static String notMounted(String field, String value, String claim) {
    return field
        + ": '"
        + value
        + "': claim '"
        + claim
        + "' is not mounted on the worker, which has to read the dataset; give its mount in "
        + VARIABLE
        + " as pvc://"
        + claim
        + "=<folder>";
  }

  private static boolean isKubernetes(String launcher) {
    if (launcher == null || launcher.isBlank() || launcher.equals("local")) {
      return false;
    }
    if (launcher.equals("kubernetes")) {
      return true;
    }
    throw new IllegalArgumentException(
        "launcher: '" + launcher + "' is not one of [local, kubernetes]");
  }

  /** The roots as a message shows them: {@code ATELIER_DATA_ROOTS: /srv/datasets, pvc://d=/mnt}. */
  @Override
  public String toString() {
    if (!configured) {
      return VARIABLE + " is unset";
    }
    List<String> entries = new ArrayList<>();
    folders.forEach(f -> entries.add(f.toString()));
    claims.keySet().forEach(c -> entries.add(claimRoot(c)));
    return VARIABLE + ": " + String.join(", ", entries);
  }
}
