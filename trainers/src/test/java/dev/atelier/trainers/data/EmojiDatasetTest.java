package dev.atelier.trainers.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's real data set (ATELIER_DATASET_EMOJI, exported by ./atelier test). */
class EmojiDatasetTest {
  @Test
  void theEmojiPngsLoadAsOpaqueImagesOnWhite() {
    String dir = System.getenv("ATELIER_DATASET_EMOJI");
    if (dir == null || dir.isBlank()) {
      fail("ATELIER_DATASET_EMOJI is not set: run ./atelier test, or export the emoji PNG folder");
    }
    ImageDataset d = ImageFolderLoader.load(Path.of(dir), 32, 0xffffff);
    assertTrue(d.count() > 3000, "only " + d.count() + " images");
    assertEquals(0, d.skipped());
    // Emoji are centred on a transparent canvas, so corners come out as the white background.
    int white = 0;
    for (int k = 0; k < d.count(); k++) {
      if (d.pixels()[k * d.imageLength()] == 1f) {
        white++;
      }
    }
    assertTrue(white > d.count() / 2, white + " of " + d.count() + " have a white corner");
  }
}
