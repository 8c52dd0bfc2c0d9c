package dev.atelier.trainers;

import dev.atelier.trainers.spec.SpecParser;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.train.EngineThreads;
import java.nio.file.Path;

/**
 * DJL reads its settings once, when its classes load, so they are set here first. Offline and
 * tracking opt-out keep the engine from reaching the network (nothing may be downloaded at run
 * time); the natives unpack under $ATELIER_HOME/djl when no cache dir is given.
 */
final class DjlEnvironment {
  private DjlEnvironment() {}

  static void prepare(Path specFile) {
    prepare();
    // Threads must be known before the engine starts: its inter-op pool is sized once.
    if (SrSpecParser.declaresSr(specFile)) {
      SrSpecParser.parseFile(specFile)
          .spec()
          .ifPresent(s -> EngineThreads.presetProperties(s.threads()));
      return;
    }
    SpecParser.parseFile(specFile)
        .spec()
        .ifPresent(s -> EngineThreads.presetProperties(s.threads()));
  }

  /** Offline, no tracking, passive OpenMP waiters, natives under $ATELIER_HOME/djl. */
  static void prepare() {
    System.setProperty("DJL_OFFLINE", "true");
    System.setProperty("offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    OpenMpWaitPolicy.preferPassive();
    String home = System.getenv("ATELIER_HOME");
    if (System.getenv("DJL_CACHE_DIR") == null
        && System.getProperty("DJL_CACHE_DIR") == null
        && home != null) {
      System.setProperty("DJL_CACHE_DIR", Path.of(home, "djl").toString());
    }
  }
}
