package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagVersionRow;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Airflow 3's DagVersionResponse. Atelier's Dags come from one bundle, the build: {@code
 * bundle_name} is {@code atelier}, {@code bundle_version} the build's version, and {@code digest}
 * (Atelier's own field) the SHA-256 of the Dag's canonical JSON form that tells versions apart.
 */
public record DagVersionResponse(
    UUID id,
    int versionNumber,
    String dagId,
    String bundleName,
    String bundleVersion,
    String bundleUrl,
    OffsetDateTime createdAt,
    String dagDisplayName,
    String digest) {

  static final String BUNDLE = "atelier";

  static DagVersionResponse of(DagVersionRow row) {
    return new DagVersionResponse(
        row.id(),
        row.versionNumber(),
        row.dagId(),
        BUNDLE,
        row.bundleVersion(),
        null,
        row.createdAt(),
        row.dagId(),
        row.digest());
  }
}
