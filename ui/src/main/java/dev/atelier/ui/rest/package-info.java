/**
 * The HTTP edge shared by both APIs: one family of exception mappers that renders every refusal as
 * Airflow's Error object ({@code type, title, status, detail}) and never a class name or a stack
 * trace.
 */
package dev.atelier.ui.rest;
