package dev.atelier.workflows.dsl;

/** A serialized {@link XComArg}, as the engine reads it: which task's XCom, under which key. */
public record XComRef(String taskId, String key) {}
