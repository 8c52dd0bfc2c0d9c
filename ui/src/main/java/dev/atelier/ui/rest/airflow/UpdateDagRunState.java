package dev.atelier.ui.rest.airflow;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Airflow's UpdateDagRunState body: the state a Dag run is set to by hand. */
public record UpdateDagRunState(
    @Schema(
            type = SchemaType.STRING,
            required = true,
            enumeration = {"success", "failed", "queued"})
        String state) {}
