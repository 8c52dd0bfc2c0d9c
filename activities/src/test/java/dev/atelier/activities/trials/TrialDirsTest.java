package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrialDirsTest {
  private static final Path W = Path.of("/w");

  @Test
  void of_runIdWithColonsAndPlus_readableAndMarkedWithItsDigest() {
    assertEquals(
        Path.of("/w/trials/d/manual__2026-11-21T10_00_00_00_00~c6288252121c/train/3"),
        TrialDirs.of(W, "d", "manual__2026-11-21T10:00:00+00:00", "train", 3));
  }

  @Test
  void of_safeIds_keptAsTheyAre() {
    assertEquals(
        Path.of("/w/trials/emoji_dcgan/scheduled__2026-11-21/train/0"),
        TrialDirs.of(W, "emoji_dcgan", "scheduled__2026-11-21", "train", 0));
  }

  /** Three run ids that all once became {@code a_b}. */
  @Test
  void of_runIdsDifferingOnlyInUnsafeCharacters_distinctFolders() {
    Set<Path> dirs =
        List.of("a:b", "a+b", "a_b", "a b", "a/b").stream()
            .map(run -> TrialDirs.of(W, "d", run, "train", 0))
            .collect(Collectors.toSet());

    assertEquals(5, dirs.size(), dirs.toString());
  }

  @Test
  void of_dotDotTaskId_staysInsideTheTrialsFolder() {
    Path dir = TrialDirs.of(W, "d", "r", "..", 3);

    assertEquals(Path.of("/w/trials/d/r/..~5ec1f7e700f3/3"), dir);
    assertTrue(dir.startsWith(W.resolve("trials/d/r")));
  }

  @Test
  void relative_anyTrial_isItsFolderBelowTheWorkDir() {
    assertEquals(
        W.resolve(TrialDirs.relative("d", "a:b", "train", 1)),
        TrialDirs.of(W, "d", "a:b", "train", 1));
  }
}
