package dev.atelier.activities.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Curation of one version, from its manifest alone (no file is read again): unreadable and
 * truncated images, images below the minimum size, exact duplicates (same SHA-256), near duplicates
 * ({@link DHash} within the rule's distance of an earlier image, in path order; the extra copies of
 * exact duplicates are not counted again), and class folders below the minimum count. Near
 * duplicates are found by comparing every pair of hashes: a few hundred million comparisons, about
 * a second, for 20 000 images.
 */
public final class Curation {
  private Curation() {}

  public static CurationReport of(Manifest manifest, CurationRules rules) {
    Map<String, String> rejected = new LinkedHashMap<>();
    int unreadable = 0;
    int truncated = 0;
    int tooSmall = 0;
    for (ManifestEntry f : manifest.files()) {
      if (f.problem() != null) {
        rejected.put(f.path(), f.problem());
        if (f.problem().startsWith("truncated")) {
          truncated++;
        } else {
          unreadable++;
        }
      } else if (f.width() < rules.minImageSize() || f.height() < rules.minImageSize()) {
        rejected.put(
            f.path(),
            "too small: "
                + f.width()
                + "×"
                + f.height()
                + " is below the minimum "
                + rules.minImageSize()
                + " px");
        tooSmall++;
      }
    }

    Map<String, List<String>> bySha = new LinkedHashMap<>();
    manifest
        .files()
        .forEach(f -> bySha.computeIfAbsent(f.sha256(), k -> new ArrayList<>()).add(f.path()));
    List<List<String>> exact =
        bySha.values().stream().filter(g -> g.size() > 1).map(List::copyOf).toList();
    Set<String> extraCopies = new HashSet<>();
    exact.forEach(g -> extraCopies.addAll(g.subList(1, g.size())));

    Map<String, CurationReport.NearDuplicate> near = new LinkedHashMap<>();
    List<ManifestEntry> seen = new ArrayList<>();
    for (ManifestEntry f : manifest.files()) {
      if (f.dhash() == null || extraCopies.contains(f.path())) {
        continue;
      }
      for (ManifestEntry earlier : seen) {
        int d = DHash.distance(earlier.dhash(), f.dhash());
        if (d <= rules.nearDupDistance()) {
          near.put(f.path(), new CurationReport.NearDuplicate(earlier.path(), d));
          break;
        }
      }
      seen.add(f);
    }

    Map<String, Integer> small = new TreeMap<>();
    manifest
        .classes()
        .forEach(
            (c, n) -> {
              if (n < rules.minClassSize()) {
                small.put(c, n);
              }
            });

    Set<String> out = new HashSet<>(rejected.keySet());
    out.addAll(extraCopies);
    int usable = manifest.files().size() - out.size();
    return new CurationReport(
        rejected, exact, near, small, unreadable, truncated, tooSmall, usable);
  }
}
