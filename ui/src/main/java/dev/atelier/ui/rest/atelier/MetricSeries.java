package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.service.MetricPoint;
import java.util.List;

/** A metric's history as drawn: at most 500 points, and how many were logged in all. */
public record MetricSeries(String runId, String key, long totalPoints, List<MetricPoint> points) {}
