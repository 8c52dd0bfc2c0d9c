/**
 * Health (Quarkus SmallRye Health): liveness is the app itself (no checks: a live JVM answering
 * HTTP), readiness is what it cannot serve without, the database (Quarkus's own Agroal datasource
 * check), and MLflow and Temporal are probed in the separate {@code dependencies} group ({@code
 * /q/health/group/dependencies}), quickly, with short deadlines. No answer names an address.
 */
package dev.atelier.ui.health;
