package dev.atelier.activities.datasets;

/**
 * One file as a source lists it, without reading it: enough for the watcher to tell that a listing
 * changed.
 *
 * @param path relative to the source's root, with {@code /} separators
 * @param size bytes
 * @param modifiedMillis last modification, epoch milliseconds
 */
public record SourceFile(String path, long size, long modifiedMillis) {}
