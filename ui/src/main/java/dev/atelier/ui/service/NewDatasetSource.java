package dev.atelier.ui.service;

/**
 * {@code POST /api/atelier/datasets}: a folder ({@code path}) or a bucket prefix ({@code uri},
 * {@code s3://bucket/prefix}) to watch. Only the name and one of path and uri are required.
 *
 * @param datasetUri the dataset (asset) whose events the versions emit; defaults to the folder's
 *     {@code file://} URI, or the bucket prefix's {@code s3://} URI
 */
public record NewDatasetSource(
    String name,
    String path,
    String uri,
    String datasetUri,
    Integer quietSeconds,
    Integer minImageSize,
    Integer minClassSize,
    Integer nearDupDistance,
    Boolean excludeDuplicates,
    Boolean excludeRejects) {}
