package dev.atelier.trainers.quality;

/** Checks on image arrays coming back from a generator, so a wrong shape fails where it starts. */
final class Images {
  private Images() {}

  static void require(float[] nchw, int count, int size, String what) {
    long expected = (long) count * 3 * size * size;
    if (nchw == null || nchw.length != expected) {
      throw new IllegalStateException(
          what
              + ": the generator returned "
              + (nchw == null ? "null" : nchw.length + " floats")
              + " for "
              + count
              + " images of 3x"
              + size
              + "x"
              + size
              + " (expected "
              + expected
              + ")");
    }
  }
}
