package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskSpec;
import io.temporal.workflow.Promise;
import java.util.List;
import java.util.function.Supplier;

/**
 * A piece of a run the dispatcher starts: one task instance, a chunk of a large mapping (a child
 * workflow), or a sweep. {@code weight} is how many of the run's max_active_tasks it uses; {@code
 * mapIndexes} are the instances it covers, so a unit that breaks can fail exactly those.
 */
record Unit(
    TaskSpec task,
    List<Integer> mapIndexes,
    int weight,
    long seq,
    Supplier<Promise<List<InstanceResult>>> start) {}
