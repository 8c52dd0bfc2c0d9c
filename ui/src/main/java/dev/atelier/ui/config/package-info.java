/**
 * Typed configuration under the {@code atelier.} prefix. Every address (Temporal, MLflow, the
 * repository root) comes from the environment, so one build runs against the embedded services or
 * against existing ones.
 */
package dev.atelier.ui.config;
