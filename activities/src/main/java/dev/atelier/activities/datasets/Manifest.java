package dev.atelier.activities.datasets;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one version, sorted by path. Its {@link #digest()} is one SHA-256 over the sorted
 * lines {@code path\tsha256\tsize}: a file added, removed, renamed or rewritten (even at the same
 * size) gives another digest; touching a file without changing it does not.
 */
public record Manifest(List<ManifestEntry> files) {
  public Manifest {
    files = files.stream().sorted(Comparator.comparing(ManifestEntry::path)).toList();
  }

  public String digest() {
    return Sha256.ofLines(files.stream().map(ManifestEntry::digestLine).sorted().toList());
  }

  public long bytes() {
    return files.stream().mapToLong(ManifestEntry::size).sum();
  }

  /** Class folder → how many files it holds, sorted by name. */
  public Map<String, Integer> classes() {
    Map<String, Integer> counts = new TreeMap<>();
    files.forEach(f -> counts.merge(f.className(), 1, Integer::sum));
    return counts;
  }
}
