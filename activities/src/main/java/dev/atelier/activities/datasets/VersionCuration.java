package dev.atelier.activities.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A registered source's version with its whole curation report, as a trial that trains on it needs
 * it: for the report it logs on its run, and for the files it leaves out.
 *
 * @param name the source's name
 * @param version the version's number
 * @param root the source's folder, which the manifest's paths are relative to
 * @param manifest the version's files
 * @param rules the source's curation rules the report was computed with
 * @param report the curation of the whole manifest (no group capped)
 * @param excludeDuplicates the source's {@code exclude_duplicates}: training leaves out the extra
 *     copies of exact duplicates and the later image of each near-duplicate pair
 * @param excludeRejects the source's {@code exclude_rejects}: training leaves out unreadable,
 *     truncated and too-small images
 */
public record VersionCuration(
    String name,
    int version,
    Path root,
    Manifest manifest,
    CurationRules rules,
    CurationReport report,
    boolean excludeDuplicates,
    boolean excludeRejects) {

  /** The paths the source's flags leave out, relative to the source's folder, in path order. */
  public List<String> excluded() {
    Set<String> out = new LinkedHashSet<>();
    if (excludeRejects) {
      out.addAll(report.rejected().keySet());
    }
    if (excludeDuplicates) {
      report.exactDuplicates().forEach(g -> out.addAll(g.subList(1, g.size())));
      out.addAll(report.nearDuplicates().keySet());
    }
    return out.stream().sorted().toList();
  }

  /**
   * {@link #excluded()} for a trial whose folder is {@code folder} (the source's folder or one
   * inside it): the paths under it, relative to it. A trial on a class folder skips only that
   * class's files.
   */
  public List<String> excludedUnder(Path folder) {
    Path rel = root.toAbsolutePath().normalize().relativize(folder.toAbsolutePath().normalize());
    String prefix = rel.toString().isEmpty() ? "" : rel.toString().replace('\\', '/') + "/";
    List<String> out = new ArrayList<>();
    for (String p : excluded()) {
      if (p.startsWith(prefix)) {
        out.add(p.substring(prefix.length()));
      }
    }
    return out;
  }
}
