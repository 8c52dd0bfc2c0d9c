/**
 * Hosts the Temporal worker inside the application, so one process serves the UI, the API and the
 * workflows. The connection to Temporal is also what the REST layer starts runs through.
 */
package dev.atelier.ui.worker;
