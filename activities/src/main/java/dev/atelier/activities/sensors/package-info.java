/**
 * Sensor pokes and Dag triggers that read or start runs: {@code PokeExternalTask} and {@code
 * PokeDataset} look once at the task instances, Dag runs and dataset events in PostgreSQL (the
 * workflow waits between looks), and {@code PrepareDagRun} checks a triggered run's conf against
 * its Dag in the worker's DagBag.
 */
package dev.atelier.activities.sensors;
