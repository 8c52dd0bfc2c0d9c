package dev.atelier.workflows.schedule;

/**
 * What a task may list in its outlets, as in Airflow 3: an {@link Asset} (an event on it each time
 * an instance succeeds) or an {@link AssetAlias} (events on the assets the instance adds through it
 * while it runs).
 */
public sealed interface AssetOutlet permits Asset, AssetAlias {}
