package dev.atelier.ui.service;

/**
 * {@code POST /api/atelier/datasets}: a folder to watch. Only name and path are required.
 *
 * @param datasetUri the dataset (asset) whose events the versions emit; defaults to the folder's
 *     {@code file://} URI
 */
public record NewDatasetSource(
    String name,
    String path,
    String datasetUri,
    Integer quietSeconds,
    Integer minImageSize,
    Integer minClassSize,
    Integer nearDupDistance,
    Boolean excludeDuplicates,
    Boolean excludeRejects) {}
