package dev.atelier.ui.repository;

import java.util.List;

/** Airflow's GET /dags filters; null or empty means "any". */
public record DagFilter(Boolean paused, List<String> tags, String dagIdPattern) {}
