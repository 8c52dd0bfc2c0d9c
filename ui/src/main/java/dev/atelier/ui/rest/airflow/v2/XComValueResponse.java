package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Airflow 3's XComResponseNative (the value as the task returned or pushed it) or, with {@code
 * stringify=true}, XComResponseString (the value's JSON text).
 */
public record XComValueResponse(@JsonUnwrapped XComResponse entry, Object value) {}
