package dev.atelier.ui.service;

import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/atelier/datasets/{name}}: {@code exclude_duplicates} and/or {@code
 * exclude_rejects}, each true or false; nothing else of a source changes this way. Read from the
 * raw JSON object so that {@code "yes"}, {@code 1} or a misspelt key is refused by name rather than
 * coerced or ignored.
 *
 * @param duplicates the new {@code exclude_duplicates}, empty to keep it
 * @param rejects the new {@code exclude_rejects}, empty to keep it
 */
public record DatasetExclusionChange(Optional<Boolean> duplicates, Optional<Boolean> rejects) {
  static final String DUPLICATES = "exclude_duplicates";
  static final String REJECTS = "exclude_rejects";

  /**
   * @throws ApiProblem 400 naming the field, value and rule
   */
  static DatasetExclusionChange of(Map<String, Object> body) {
    if (body == null || body.isEmpty()) {
      throw ApiProblem.badRequest(
          "body: must set exclude_duplicates and/or exclude_rejects, e.g."
              + " {\"exclude_duplicates\": true}");
    }
    for (String key : body.keySet()) {
      if (!key.equals(DUPLICATES) && !key.equals(REJECTS)) {
        throw ApiProblem.badRequest(
            key
                + ": cannot be changed here; only exclude_duplicates and exclude_rejects can (the"
                + " other settings are fixed at registration)");
      }
    }
    return new DatasetExclusionChange(flag(body, DUPLICATES), flag(body, REJECTS));
  }

  private static Optional<Boolean> flag(Map<String, Object> body, String key) {
    if (!body.containsKey(key)) {
      return Optional.empty();
    }
    Object v = body.get(key);
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw ApiProblem.badRequest(
        key
            + ": "
            + (v instanceof String ? "'" + v + "'" : String.valueOf(v))
            + " must be true or false");
  }
}
