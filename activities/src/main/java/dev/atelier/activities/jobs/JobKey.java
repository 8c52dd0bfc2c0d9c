package dev.atelier.activities.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which try of which task instance a job is: Dag id, run id, task id, map index (-1 when unmapped)
 * and try number. Its {@link #digest()} names the Job and marks it as ours, so a retried launch
 * finds the Job its try already created and never mistakes someone else's for it.
 */
public record JobKey(String dagId, String runId, String taskId, int mapIndex, int tryNumber) {
  /** Hex characters of the SHA-256 kept: 160 bits, and short enough for a label value (63). */
  static final int DIGEST_HEX = 40;

  public JobKey {
    requireText("dagId", dagId);
    requireText("runId", runId);
    requireText("taskId", taskId);
    if (tryNumber < 1) {
      throw new IllegalArgumentException("tryNumber: " + tryNumber + " must be at least 1");
    }
  }

  /**
   * SHA-256 over the five parts, each length-prefixed so that no two keys share an encoding ({@code
   * "a:b" + "c"} vs {@code "a" + ":bc"}), as lowercase hex cut to {@link #DIGEST_HEX}.
   */
  public String digest() {
    StringBuilder encoded = new StringBuilder();
    for (String part :
        List.of(dagId, runId, taskId, Integer.toString(mapIndex), Integer.toString(tryNumber))) {
      encoded.append(part.length()).append(':').append(part).append(';');
    }
    return sha256(encoded.toString()).substring(0, DIGEST_HEX);
  }

  /** Atelier's own labels' exact values (the manifest cuts them to Kubernetes' label rules). */
  public Map<String, String> owners() {
    Map<String, String> owners = new LinkedHashMap<>();
    owners.put("atelier/dag-id", dagId);
    owners.put("atelier/run-id", runId);
    owners.put("atelier/task-id", taskId);
    if (mapIndex >= 0) {
      owners.put("atelier/map-index", Integer.toString(mapIndex));
    }
    owners.put("atelier/try-number", Integer.toString(tryNumber));
    return owners;
  }

  /** Lowercase hex SHA-256 of {@code text}'s UTF-8 bytes. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": '" + value + "' must not be blank");
    }
  }
}
