package dev.atelier.ui.repository;

import java.util.List;

/**
 * Which task instances of one Dag run a list shows: by state ({@code null} in {@code states} is
 * Airflow's "none", an instance not yet given a state), by task, and only mapped ones.
 */
public record TaskInstanceFilter(List<String> states, String taskId, boolean mappedOnly) {
  public static TaskInstanceFilter all() {
    return new TaskInstanceFilter(List.of(), null, false);
  }
}
