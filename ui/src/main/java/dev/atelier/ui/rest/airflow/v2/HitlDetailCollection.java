package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's HITLDetailCollection: one page of human-in-the-loop details and the total. */
public record HitlDetailCollection(List<HitlDetail> hitlDetails, long totalEntries) {}
