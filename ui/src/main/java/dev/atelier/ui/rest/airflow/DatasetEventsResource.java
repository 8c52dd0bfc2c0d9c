package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DatasetRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code POST /api/v1/datasets/events}: an outside system says a dataset changed. */
@Path("/api/v1/datasets/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasetEventsResource {
  private final DatasetRepository datasets;

  DatasetEventsResource(DatasetRepository datasets) {
    this.datasets = datasets;
  }

  @POST
  public AirflowDatasetEvent create(
      @Valid @NotNull(message = "is required: {\"dataset_uri\": ..., \"extra\": {...}}")
          CreateDatasetEvent body) {
    Map<String, Object> extra = body.extra() == null ? Map.of() : body.extra();
    return AirflowDatasetEvent.of(datasets.recordEvent(body.datasetUri().strip(), extra));
  }
}
