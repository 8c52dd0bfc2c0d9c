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

  static String mediaType(String path) {
    String p = path.toLowerCase();
    if (p.endsWith(".png")) {
      return "image/png";
    }
    if (p.endsWith(".json")) {
      return "application/json";
    }
    if (p.endsWith(".txt") || p.endsWith(".log")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
