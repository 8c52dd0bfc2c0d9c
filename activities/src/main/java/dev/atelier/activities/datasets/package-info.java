/**
 * Image folders as dataset versions: what a folder holds (count) and a fingerprint of names and
 * sizes, cheap enough to take before every sweep and stable enough to tell when a dataset changed.
 */
package dev.atelier.activities.datasets;
