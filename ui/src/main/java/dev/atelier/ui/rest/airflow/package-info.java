/**
 * The subset of Airflow's stable REST API v1 that Atelier serves, with Airflow's paths, JSON shapes
 * and status codes, so Airflow's own clients (and scripts written for Airflow) work unchanged.
 */
package dev.atelier.ui.rest.airflow;
