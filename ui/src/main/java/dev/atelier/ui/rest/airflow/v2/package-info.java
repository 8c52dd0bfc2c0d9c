/**
 * Airflow 3's REST API v2 ({@code /api/v2}) over the same services as the v1 resources beside it:
 * Airflow 3's paths, JSON shapes and status codes, so Airflow's own 3.x client works unchanged. Bad
 * input is a 422 in FastAPI's {@code {"detail": [...]}} shape ({@link Violation}), each entry
 * naming the field ({@code loc}), the value ({@code input}) and the rule ({@code msg}); list
 * parameters repeat ({@code state=a&state=b}) and are never comma-split. The OpenAPI document
 * ({@code /api/v2/openapi.json}) is written by hand in {@code openapi/airflow-v2.yaml}, so it
 * states what these resources accept and answer, nullability included.
 */
package dev.atelier.ui.rest.airflow.v2;
