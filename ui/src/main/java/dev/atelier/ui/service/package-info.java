/**
 * What the REST layer asks for, in the platform's terms: trigger a Dag run, read a sweep's trials
 * from PostgreSQL and MLflow, fetch an artifact, promote a checkpoint. Services return {@code
 * Optional} for absence and throw {@link dev.atelier.ui.service.ApiProblem} for refusals the client
 * can act on; the REST layer maps both once.
 */
package dev.atelier.ui.service;
