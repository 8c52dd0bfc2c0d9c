/**
 * Atelier's own API under {@code /api/atelier}: what the review pages need and Airflow has no word
 * for (sweeps and their trials, metric curves, sample grids, promotion of a checkpoint).
 */
package dev.atelier.ui.rest.atelier;
