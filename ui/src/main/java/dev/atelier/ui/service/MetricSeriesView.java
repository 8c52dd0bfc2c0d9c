package dev.atelier.ui.service;

import java.util.List;

/** One run's metric history as drawn: at most 500 points, and how many were logged in all. */
public record MetricSeriesView(
    String runId, String key, long totalPoints, List<MetricPoint> points) {}
