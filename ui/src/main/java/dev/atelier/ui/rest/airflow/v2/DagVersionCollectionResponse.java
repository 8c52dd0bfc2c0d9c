package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

public record DagVersionCollectionResponse(
    List<DagVersionResponse> dagVersions, long totalEntries) {}
