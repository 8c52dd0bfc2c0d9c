package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.QueuedAssetEvent;
import java.time.OffsetDateTime;

/**
 * Airflow 3's QueuedEventResponse: a Dag has unconsumed events on an asset since {@code
 * created_at}. Atelier's Dags have no display names apart from their ids.
 */
public record QueuedEventResponse(
    String dagId, long assetId, OffsetDateTime createdAt, String dagDisplayName) {

  static QueuedEventResponse of(QueuedAssetEvent q) {
    return new QueuedEventResponse(q.dagId(), q.datasetId(), q.createdAt(), q.dagId());
  }
}
