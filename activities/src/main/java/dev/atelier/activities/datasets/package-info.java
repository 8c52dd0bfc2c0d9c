/**
 * Image folders as dataset versions: the cheap fingerprint the trials take ({@link
 * dev.atelier.activities.datasets.DatasetScanner}), and the content versions the app records
 * (sources, manifests with SHA-256 and dHash per file, diffs, curation).
 */
package dev.atelier.activities.datasets;
