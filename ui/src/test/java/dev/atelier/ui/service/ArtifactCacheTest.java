package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArtifactCacheTest {

  @Test
  void put_overBudget_evictsTheLeastRecentlyUsed() {
    ArtifactCache cache = new ArtifactCache(30);
    cache.put("a", new byte[10]);
    cache.put("b", new byte[10]);
    cache.put("c", new byte[10]);
    cache.get("a"); // a is now more recent than b

    cache.put("d", new byte[10]);

    assertTrue(cache.get("b").isEmpty(), "b was least recently used");
    assertTrue(cache.get("a").isPresent());
    assertTrue(cache.get("d").isPresent());
    assertEquals(30, cache.usedBytes());
  }

  @Test
  void put_largerThanTheWholeBudget_isNotKept() {
    ArtifactCache cache = new ArtifactCache(30);
    cache.put("a", new byte[10]);

    cache.put("huge", new byte[31]);

    assertTrue(cache.get("huge").isEmpty());
    assertTrue(cache.get("a").isPresent(), "a huge file must not flush the cache");
  }

  @Test
  void put_largerThanTheLargestEntryKept_isNotKeptThoughTheBudgetHasRoom() {
    ArtifactCache cache = new ArtifactCache(100, 20);

    cache.put("grid", new byte[20]);
    cache.put("checkpoint", new byte[21]);

    assertTrue(cache.get("grid").isPresent());
    assertTrue(cache.get("checkpoint").isEmpty(), "only small files are kept");
    assertEquals(20, cache.usedBytes());
  }
}
