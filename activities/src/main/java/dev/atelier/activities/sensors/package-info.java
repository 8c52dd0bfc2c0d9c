/**
 * Sensor pokes that read runs: {@code PokeExternalTask} and {@code PokeDataset} look once at the
 * task instances, Dag runs and dataset events in PostgreSQL (the workflow waits between looks).
 * Triggering another Dag's run is the app's (its run admission), not this package's.
 */
package dev.atelier.activities.sensors;
