package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;

/** One registered Dag as the {@code dag} table holds it. */
public record DagRow(
    String dagId,
    boolean isPaused,
    String description,
    String schedule,
    List<String> tags,
    OffsetDateTime updatedAt) {}
