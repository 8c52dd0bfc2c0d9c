package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's XComCollectionResponse: one page of a task instance's XCom entries. */
public record XComCollectionResponse(List<XComResponse> xcomEntries, long totalEntries) {}
