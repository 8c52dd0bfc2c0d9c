package dev.atelier.workflows.activities;

/** One poke of a DatasetSensor: the dataset, and the time after which an event counts. */
public record DatasetPoke(String uri, String since) {}
