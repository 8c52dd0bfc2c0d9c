package dev.atelier.activities.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two versions, by path: added, removed, and modified (same path, another
 * SHA-256). A rename is one removal and one addition.
 */
public record ManifestDiff(List<String> added, List<String> removed, List<String> modified) {

  /**
   * @param previous null for a source's first version (everything is added)
   */
  public static ManifestDiff between(Manifest previous, Manifest current) {
    Map<String, ManifestEntry> before =
        previous == null
            ? Map.of()
            : previous.files().stream()
                .collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
    Map<String, ManifestEntry> after =
        current.files().stream()
            .collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    for (ManifestEntry f : current.files()) {
      ManifestEntry old = before.get(f.path());
      if (old == null) {
        added.add(f.path());
      } else if (!old.sha256().equals(f.sha256())) {
        modified.add(f.path());
      }
    }
    List<String> removed =
        previous == null
            ? List.of()
            : previous.files().stream()
                .map(ManifestEntry::path)
                .filter(p -> !after.containsKey(p))
                .toList();
    return new ManifestDiff(List.copyOf(added), removed, List.copyOf(modified));
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && modified.isEmpty();
  }
}
