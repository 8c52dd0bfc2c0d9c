package dev.atelier.ui.schedule;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The app with data roots configured (the other tests run without, as {@code ./atelier test} does),
 * over folders laid out under {@code target/data-roots-test}:
 *
 * <pre>
 *   root/emoji/a.png            folder root
 *   root/escape -> outside      a link out of it
 *   mnt/emoji/c.png             claim 'datasets', mounted on the worker
 *   outside/b.png               under no root
 *   claim 'remote'              not mounted on the worker
 * </pre>
 */
public class DataRootsProfile implements QuarkusTestProfile {
  static final Path BASE = created(Path.of("target", "data-roots-test"));
  static final Path ROOT = BASE.resolve("root");
  static final Path MNT = BASE.resolve("mnt");
  static final Path OUTSIDE = BASE.resolve("outside");
  static final String ROOTS = ROOT + ", pvc://datasets=" + MNT + ", pvc://remote";

  /** Real paths, so messages about where links lead read the same. */
  private static Path created(Path folder) {
    try {
      return Files.createDirectories(folder).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Files.createDirectories(ROOT.resolve("emoji"));
      Files.createDirectories(MNT.resolve("emoji"));
      Files.createDirectories(OUTSIDE);
      Files.writeString(ROOT.resolve("emoji/a.png"), "png");
      Files.writeString(MNT.resolve("emoji/c.png"), "png");
      Files.writeString(OUTSIDE.resolve("b.png"), "png");
      Files.deleteIfExists(ROOT.resolve("escape"));
      Files.createSymbolicLink(ROOT.resolve("escape"), OUTSIDE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("atelier.data-roots", ROOTS);
  }
}
