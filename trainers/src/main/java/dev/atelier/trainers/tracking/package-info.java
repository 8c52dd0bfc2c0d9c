/**
 * MLflow tracking for one trial. Runs, params, tags and metrics go through the MLflow Java client;
 * metrics are batched by a background flusher so the step loop never waits on HTTP; artifacts go
 * over plain HTTP PUT to the tracking server's artifact proxy, because the Java client's own
 * artifact upload shells out to a Python CLI that a trainer image need not have. The one thing read
 * back while training is the sweep's stop request ({@link StopWatcher}).
 */
package dev.atelier.trainers.tracking;
