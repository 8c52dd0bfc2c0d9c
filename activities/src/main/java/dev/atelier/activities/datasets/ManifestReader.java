package dev.atelier.activities.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every listed file of a source once: its SHA-256, and what {@link ImageProbe} finds when
 * decoding it. A file that vanished or cannot be opened between listing and reading is left out
 * (the next scan sees the folder as it then is).
 */
public final class ManifestReader {
  private ManifestReader() {}

  public static Manifest read(DatasetSource source) {
    return read(source, source.list());
  }

  public static Manifest read(DatasetSource source, List<SourceFile> listing) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (SourceFile f : listing) {
      byte[] bytes;
      try (InputStream in = source.open(f.path())) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        continue;
      }
      ImageProbe.Facts facts = ImageProbe.probe(bytes);
      entries.add(
          new ManifestEntry(
              f.path(),
              Sha256.of(bytes),
              bytes.length,
              facts.dhash(),
              facts.width(),
              facts.height(),
              facts.problem()));
    }
    return new Manifest(entries);
  }
}
