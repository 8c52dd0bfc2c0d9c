/**
 * HTTP basic auth over the {@code users} table, the way Airflow's basic-auth backend works: the UI
 * and the REST API take the same credentials, and the signed-in user's name is what the promotion
 * audit records as "who". The admin account comes from a configured password, or, in demo mode
 * only, is the known {@code admin/admin}; outside a demo that known account stops the app.
 */
package dev.atelier.ui.security;
