/**
 * Readiness beyond the datasource's own check: the app is only useful when it can start workflows
 * on Temporal and read runs from MLflow, so both are probed (quickly, with short deadlines).
 */
package dev.atelier.ui.health;
