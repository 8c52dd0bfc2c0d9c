package dev.atelier.activities.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What curation found in one version, with the reason for each file it names.
 *
 * @param rejected files that cannot be trained on: unreadable, truncated, or too small (path →
 *     reason)
 * @param exactDuplicates groups of paths with the same SHA-256, first path kept
 * @param nearDuplicates images that look like an earlier one (path → the earlier path and the
 *     distance)
 * @param smallClasses class folders with fewer files than the rule asks (class → count)
 * @param usable files left when rejects and the extra copies of duplicates are taken out
 */
public record CurationReport(
    Map<String, String> rejected,
    List<List<String>> exactDuplicates,
    Map<String, NearDuplicate> nearDuplicates,
    Map<String, Integer> smallClasses,
    int unreadable,
    int truncated,
    int tooSmall,
    int usable) {

  /** An image within the rule's Hamming distance of an earlier one. */
  public record NearDuplicate(String of, int distance) {}

  /** How many extra copies the exact-duplicate groups hold (each group keeps one). */
  public int exactDuplicateCount() {
    return exactDuplicates.stream().mapToInt(g -> g.size() - 1).sum();
  }

  /** Counts by reason, the part a list of versions shows. */
  public Map<String, Integer> counts() {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("unreadable", unreadable);
    c.put("truncated", truncated);
    c.put("too_small", tooSmall);
    c.put("exact_duplicates", exactDuplicateCount());
    c.put("near_duplicates", nearDuplicates.size());
    c.put("small_classes", smallClasses.size());
    c.put("usable", usable);
    return c;
  }

  /**
   * As stored and answered: counts, then each group's paths, at most {@code cap} entries per group
   * (the counts stay exact).
   */
  public Map<String, Object> toMap(int cap) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("counts", counts());
    m.put(
        "rejected",
        rejected.entrySet().stream()
            .limit(cap)
            .map(e -> Map.of("path", e.getKey(), "reason", e.getValue()))
            .toList());
    m.put("exact_duplicates", exactDuplicates.stream().limit(cap).toList());
    m.put(
        "near_duplicates",
        nearDuplicates.entrySet().stream()
            .limit(cap)
            .map(
                e ->
                    Map.<String, Object>of(
                        "path",
                        e.getKey(),
                        "of",
                        e.getValue().of(),
                        "distance",
                        e.getValue().distance()))
            .toList());
    m.put("small_classes", smallClasses);
    return m;
  }
}
