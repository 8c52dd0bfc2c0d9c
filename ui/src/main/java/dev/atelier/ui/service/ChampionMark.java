package dev.atelier.ui.service;

/**
 * A registered model whose current champion (its MLflow {@code champion} alias) was trained on a
 * dataset version, as that version's {@code champion_of} lists it.
 *
 * @param model the registered model
 * @param modelVersion the model version the alias points at
 * @param mlflowRunId the run that version was registered from
 */
public record ChampionMark(String model, String modelVersion, String mlflowRunId) {}
