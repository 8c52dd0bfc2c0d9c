package dev.atelier.workflows.dsl;

/** The serializable (JSON) form of a Dag that a run carries. TODO(workflows helper): fields. */
public record DagSpec(String dagId) {}
