package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.Expansion;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import dev.atelier.workflows.dsl.XComArg;
import dev.atelier.workflows.dsl.XComRef;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a task the trigger rules let run into units for the dispatcher: one per instance, one per
 * chunk of a mapping larger than the inline limit (each a child workflow), or one sweep. Arguments
 * and mappings are resolved here, against the run's params and the XComs pushed so far; a mapping
 * over nothing ends the task skipped and an argument that cannot be resolved fails it, both at once
 * (returned as results instead of units).
 */
final class TaskStarter {
  private final RunContext ctx;
  private final XComStore xcoms;
  private final ArgResolver resolver;
  private final Dispatcher dispatcher;
  private final EngineLimits limits;
  private final int maxActiveTasks;

  TaskStarter(
      RunContext ctx,
      XComStore xcoms,
      Dispatcher dispatcher,
      EngineLimits limits,
      int maxActiveTasks) {
    this.ctx = ctx;
    this.xcoms = xcoms;
    this.resolver = new ArgResolver(ctx.params(), xcoms);
    this.dispatcher = dispatcher;
    this.limits = limits;
    this.maxActiveTasks = maxActiveTasks > 0 ? maxActiveTasks : 16;
  }

  /** Enqueues the task's units and returns their count, or returns the results it ended with. */
  Started start(TaskSpec task) {
    Set<String> sources = mappingSources(task);
    Map<String, Object> upstream = upstreamValues(task, sources);
    List<XComEntry> entries = new ArrayList<>();
    for (XComEntry e : xcoms.entriesOf(task.upstreamTaskIds())) {
      if (!(sources.contains(e.taskId()) && XComArg.RETURN_VALUE.equals(e.key()))) {
        entries.add(e);
      }
    }
    if (task.kind() == TaskKind.TRAIN) {
      enqueue(
          task, List.of(-1), 1, () -> Async.function(TrainTaskRunner::run, ctx, task, upstream));
      return Started.units(1);
    }
    try {
      Map<String, Object> partial = resolver.resolveArgs(task.args());
      if (!task.mapped()) {
        ctx.instance(task, -1).scheduled();
        Invocation inv = new Invocation(-1, partial, upstream, entries);
        enqueue(task, List.of(-1), 1, () -> Async.function(() -> List.of(run(task, inv))));
        return Started.units(1);
      }
      List<Map<String, Object>> instances =
          Expansion.instances(task.taskId(), task.expand(), task.expandKwargs(), resolver::resolve);
      List<Map<String, Object>> args = new ArrayList<>();
      for (Map<String, Object> own : instances) {
        Map<String, Object> merged = new LinkedHashMap<>(partial);
        merged.putAll(own);
        args.add(merged);
      }
      if (args.isEmpty()) {
        return ended(task, TaskState.SKIPPED, "mapped over an empty list: nothing to run");
      }
      return args.size() <= limits.inlineMapLimit()
          ? inline(task, args, upstream, entries)
          : chunked(task, args, upstream, entries);
    } catch (IllegalArgumentException e) {
      return ended(task, TaskState.FAILED, e.getMessage());
    }
  }

  private Started inline(
      TaskSpec task,
      List<Map<String, Object>> args,
      Map<String, Object> upstream,
      List<XComEntry> entries) {
    for (int i = 0; i < args.size(); i++) {
      ctx.instance(task, i).scheduled();
    }
    for (int i = 0; i < args.size(); i++) {
      Invocation inv = new Invocation(i, args.get(i), upstream, entries);
      enqueue(task, List.of(i), 1, () -> Async.function(() -> List.of(run(task, inv))));
    }
    return Started.units(args.size());
  }

  /** Chunks run one after another, each with the run's whole concurrency, so limits still hold. */
  private Started chunked(
      TaskSpec task,
      List<Map<String, Object>> args,
      Map<String, Object> upstream,
      List<XComEntry> entries) {
    int concurrency = maxActiveTasks;
    if (task.maxActiveTisPerDagrun() != null) {
      concurrency = Math.min(concurrency, task.maxActiveTisPerDagrun());
    }
    int size = Math.max(1, limits.mapChunkSize());
    int chunks = 0;
    for (int first = 0; first < args.size(); first += size) {
      List<Map<String, Object>> slice =
          List.copyOf(args.subList(first, Math.min(args.size(), first + size)));
      List<Integer> indexes = new ArrayList<>();
      for (int i = first; i < first + slice.size(); i++) {
        indexes.add(i);
      }
      MappedChunk chunk =
          new MappedChunk(
              ctx.dagId(),
              ctx.runId(),
              ctx.run(),
              ctx.params(),
              task,
              first,
              slice,
              concurrency,
              upstream,
              entries);
      String childId = Workflow.getInfo().getWorkflowId() + ":" + task.taskId() + ":map" + chunks++;
      enqueue(task, indexes, concurrency, () -> startChunk(childId, chunk));
    }
    return Started.units(chunks);
  }

  private static Promise<List<InstanceResult>> startChunk(String childId, MappedChunk chunk) {
    MappedTaskWorkflow child =
        Workflow.newChildWorkflowStub(
            MappedTaskWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(childId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    return Async.function(child::run, chunk);
  }

  private InstanceResult run(TaskSpec task, Invocation inv) {
    return InstanceRunner.run(ctx, task, inv);
  }

  private void enqueue(
      TaskSpec task,
      List<Integer> indexes,
      int weight,
      java.util.function.Supplier<Promise<List<InstanceResult>>> start) {
    dispatcher.enqueue(new Unit(task, indexes, weight, dispatcher.nextSeq(), start));
  }

  private Started ended(TaskSpec task, TaskState state, String note) {
    ctx.instance(task, -1).settled(state, note);
    return Started.ended(List.of(InstanceResult.of(-1, state, 0, note)));
  }

  /** Return values of the upstream tasks, except those a mapped task maps over. */
  private Map<String, Object> upstreamValues(TaskSpec task, Set<String> sources) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String up : task.upstreamTaskIds()) {
      if (!sources.contains(up) && xcoms.has(up, XComArg.RETURN_VALUE)) {
        out.put(up, xcoms.pull(up, XComArg.RETURN_VALUE));
      }
    }
    return out;
  }

  /** Tasks whose XCom a mapped task maps over: their values reach each instance as arguments. */
  private static Set<String> mappingSources(TaskSpec task) {
    Set<String> out = new LinkedHashSet<>();
    List<Object> roots = new ArrayList<>(task.expand().values());
    roots.add(task.expandKwargs());
    for (Object root : roots) {
      XComRef ref = XComArg.refIn(root);
      if (ref != null) {
        out.add(ref.taskId());
      }
    }
    return out;
  }

  /** What starting a task gave: units enqueued, or results it ended with at once. */
  record Started(int units, List<InstanceResult> results) {
    static Started units(int n) {
      return new Started(n, null);
    }

    static Started ended(List<InstanceResult> results) {
      return new Started(0, results);
    }
  }
}
