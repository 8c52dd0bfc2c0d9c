/**
 * MLflow tracking for one trial. The run is opened and params logged through the MLflow Java
 * client; metrics (batched by a background {@link MetricFlusher}), artifacts (HTTP PUT to the
 * tracking server's artifact proxy by {@link ArtifactUploader}, because the Java client's own
 * artifact upload shells out to a Python CLI that a trainer image need not have) and the run's end
 * go over {@code java.net.http} with timeouts ({@link TrackingHttp}), so the step loop never waits
 * on HTTP and a server that is down only delays them: retried with {@link Backoff}, spilled to
 * {@link SpillFolder} beyond memory or at exit, refusals recorded in {@link Rejections}. The one
 * thing read back while training is the sweep's stop request ({@link StopWatcher}).
 */
package dev.atelier.trainers.tracking;
