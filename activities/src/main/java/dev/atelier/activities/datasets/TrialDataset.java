package dev.atelier.activities.datasets;

import java.util.Map;

/**
 * The dataset a trial trained on, as its MLflow run records it: the registered source's latest
 * version, or (for a folder no source watches) the content digest computed when the trial opened.
 *
 * @param name the source's name, or the folder's own name when no source watches it
 * @param version the source's version number; null when no source watches the folder
 * @param digest the full SHA-256 content digest ({@link Manifest#digest()})
 * @param uri where the files are, {@code file:///...}
 * @param classes class folder → file count
 */
public record TrialDataset(
    String name,
    Integer version,
    String digest,
    String uri,
    int files,
    long bytes,
    Map<String, Integer> classes) {}
