package dev.atelier.activities.datasets;

/** One scan of an image folder: its absolute path, how many images, and their fingerprint. */
public record DatasetVersion(String path, int imageCount, String fingerprint) {}
