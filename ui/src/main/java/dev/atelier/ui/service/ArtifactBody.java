package dev.atelier.ui.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An artifact on its way to a client: small files (the grids) as bytes, kept in {@link
 * ArtifactCache}; larger ones as MLflow's open response, copied through without being held.
 */
public sealed interface ArtifactBody {

  /** A small artifact, whole. */
  record InMemory(byte[] bytes) implements ArtifactBody {}

  /**
   * A larger artifact, still on the wire from MLflow.
   *
   * @param length its size in bytes, or -1 when MLflow did not say
   * @param etag MLflow's own ETag for it, or null
   * @param maxBytes the most {@link #copyTo} passes on
   */
  record Streamed(InputStream stream, long length, String etag, long maxBytes)
      implements ArtifactBody {

    /**
     * Copies the artifact to {@code out} and closes MLflow's response. An artifact whose size was
     * not known beforehand and runs past {@code maxBytes} is cut off there: the answer has begun,
     * so the only refusal left is to end it short (the client sees a truncated body).
     */
    public void copyTo(OutputStream out) throws IOException {
      try (InputStream in = stream) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new IOException(
                "artifact answer cut off at " + maxBytes + " bytes (atelier.artifacts.max-bytes)");
          }
          out.write(buffer, 0, n);
        }
      }
    }

    /** Gives MLflow's response back unread. */
    public void discard() {
      try {
        stream.close();
      } catch (IOException ignored) {
        // Nothing was read; the connection is dropped either way.
      }
    }
  }
}
