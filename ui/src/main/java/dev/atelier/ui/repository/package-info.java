/**
 * PostgreSQL access in plain JDBC, one repository per table family. The schema belongs to the
 * {@code migrations} module; these classes only read and write rows, and each write that must not
 * be left half-done is one statement or one transaction.
 */
package dev.atelier.ui.repository;
