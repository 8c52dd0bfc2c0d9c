package dev.atelier.trainers.tracking;

import org.mlflow.api.proto.Service.RunStatus;

/**
 * How a run is to be ended: the {@code atelier.status} and {@code atelier.reason} tags and MLflow's
 * run status, at {@code endTime} (ms). Kept in the spill folder until the server has taken it.
 */
record RunEnd(String status, String reason, RunStatus runStatus, long endTime) {}
