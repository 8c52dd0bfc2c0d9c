package dev.atelier.ui.rest.atelier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HTTP caching and content types for artifacts. */
final class ArtifactResponses {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private ArtifactResponses() {}

  /** A strong ETag from the content itself. */
  static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * The artifact types the pages show, by extension: grids, sheets, walks and novelty pictures, and
   * small JSON and text files. Checkpoints and other files are MLflow's to serve (its own API or
   * UI), not this proxy's, which holds each answer in memory.
   */
  static final java.util.Map<String, String> SERVED =
      java.util.Map.of(
          ".png", "image/png",
          ".gif", "image/gif",
          ".jpg", "image/jpeg",
          ".jpeg", "image/jpeg",
          ".json", "application/json",
          ".txt", "text/plain; charset=utf-8",
          ".log", "text/plain; charset=utf-8");

  /**
   * @throws dev.atelier.ui.service.ApiProblem 400 naming the path and the types served
   */
  static String mediaType(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT);
    int dot = p.lastIndexOf('.');
    String type = dot < 0 || p.indexOf('/', dot) >= 0 ? null : SERVED.get(p.substring(dot));
    if (type == null) {
      throw dev.atelier.ui.service.ApiProblem.badRequest(
          "path: '"
              + path
              + "' is not a type the pages show ("
              + String.join(", ", new java.util.TreeSet<>(SERVED.keySet()))
              + "); fetch checkpoints and other files from MLflow");
    }
    return type;
  }
}
