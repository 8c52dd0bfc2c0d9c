/**
 * Where a run's dataset may come from. A reference is a folder on the worker or on a
 * PersistentVolumeClaim ({@code pvc://<claim>/<path>}); {@link
 * dev.atelier.workflows.data.DataRoots} confines references to the configured roots and resolves
 * one for the launcher that runs the trials: the folder the worker scans and the reference the
 * trials read. The app checks a Dag's dataset params with it when a run is created, and the {@code
 * PrepareDataset} activity again before it scans, so both refuse with the same words. This package
 * reads the file system: it is for activities and the app, never for workflow code.
 */
package dev.atelier.workflows.data;
