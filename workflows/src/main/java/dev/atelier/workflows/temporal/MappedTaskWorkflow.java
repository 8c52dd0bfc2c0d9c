package dev.atelier.workflows.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Runs a chunk of a large mapped task's instances as a child of the Dag run, so the run's own
 * history stays small whatever the fan-out. Returns each instance's result in map-index order.
 */
@WorkflowInterface
public interface MappedTaskWorkflow extends SlotHolder {
  @WorkflowMethod
  List<InstanceResult> run(MappedChunk chunk);
}
