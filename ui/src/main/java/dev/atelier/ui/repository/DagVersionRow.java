package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One registered definition of a Dag: numbered 1, 2, … per Dag, with the SHA-256 of its canonical
 * JSON form ({@code digest}) and the version of the build that defined it.
 */
public record DagVersionRow(
    UUID id,
    String dagId,
    int versionNumber,
    String digest,
    String bundleVersion,
    OffsetDateTime createdAt) {}
