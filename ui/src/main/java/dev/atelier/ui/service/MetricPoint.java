package dev.atelier.ui.service;

/** One logged value of a metric. */
public record MetricPoint(long step, double value, long timestamp) {}
