/**
 * The HTTP edge shared by every API: one family of exception mappers that renders every refusal as
 * Airflow's Error object ({@code type, title, status, detail}) and never a class name or a stack
 * trace, and the checks every request meets before an endpoint runs (no NUL character in a path or
 * query value, or anywhere in a JSON body), which refuse with an {@link
 * dev.atelier.ui.service.InvalidValue} naming the field, the value and the rule.
 */
package dev.atelier.ui.rest;
