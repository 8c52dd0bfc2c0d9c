package dev.atelier.workflows.activities;

/** One XCom: a value a task instance ({@code mapIndex} -1 when not mapped) stored under a key. */
public record XComEntry(String taskId, int mapIndex, String key, Object value) {}
