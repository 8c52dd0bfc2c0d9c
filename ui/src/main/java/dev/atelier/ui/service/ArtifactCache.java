package dev.atelier.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Artifact bytes kept in memory, least recently used out first, up to a byte budget. A compare page
 * asks for every trial's grid at every step the slider visits; the files never change once written,
 * so a second look need not cross to MLflow. Only small files are kept ({@link #MAX_ENTRY_BYTES}):
 * a checkpoint read once to copy it must not push every grid out.
 */
@ApplicationScoped
public class ArtifactCache {
  static final long DEFAULT_BUDGET_BYTES = 64L * 1024 * 1024;

  /** The largest file kept: grids, sheets and thumbnails are far smaller. */
  public static final int MAX_ENTRY_BYTES = 2 * 1024 * 1024;

  private final long budgetBytes;
  private final long maxEntryBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long usedBytes;

  public ArtifactCache() {
    this(DEFAULT_BUDGET_BYTES);
  }

  ArtifactCache(long budgetBytes) {
    this(budgetBytes, MAX_ENTRY_BYTES);
  }

  ArtifactCache(long budgetBytes, long maxEntryBytes) {
    this.budgetBytes = budgetBytes;
    this.maxEntryBytes = maxEntryBytes;
  }

  public synchronized Optional<byte[]> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Keeps the bytes unless they alone exceed the budget or the largest entry kept; evicts the
   * oldest to make room.
   */
  public synchronized void put(String key, byte[] bytes) {
    if (bytes.length > budgetBytes || bytes.length > maxEntryBytes) {
      return;
    }
    byte[] previous = entries.put(key, bytes);
    if (previous != null) {
      usedBytes -= previous.length;
    }
    usedBytes += bytes.length;
    var it = entries.entrySet().iterator();
    while (usedBytes > budgetBytes && it.hasNext()) {
      Map.Entry<String, byte[]> oldest = it.next();
      usedBytes -= oldest.getValue().length;
      it.remove();
    }
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }
}
