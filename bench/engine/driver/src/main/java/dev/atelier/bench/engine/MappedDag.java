package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code work} mapped over 0..M-1 (M = 1,000 by default) and a reduce that sums what every instance
 * returned, so a finished run proves each instance ran once. Two Dags of this shape: no-op
 * instances ({@code bench_mapped}) and instances that sleep a fixed time ({@code
 * bench_mapped_sleep}), the second for an overhead percentage against a known ideal.
 *
 * <pre>
 * work[0..M-1] >> total
 * </pre>
 */
public abstract class MappedDag implements DagDefinition {
  private final String dagId;

  MappedDag(String dagId) {
    this.dagId = dagId;
  }

  abstract int size();

  abstract long sleepMillis();

  @Override
  public Dag define() {
    int m = size();
    long sleep = sleepMillis();
    DagBuilder dag =
        Dag.builder(dagId)
            .description(
                "engine benchmark: a "
                    + m
                    + "-way mapped task"
                    + (sleep > 0 ? " of " + sleep + " ms each" : ""));
    List<Integer> items = IntStream.range(0, m).boxed().toList();
    var work =
        dag.add(
                new FunctionTask(
                    "work", Work.timed(sleep, ctx -> ctx.arg("i", Integer.class)), "i"))
            .expand(Kwargs.of("i", items));
    var total = dag.add(new FunctionTask("total", Work.timed(0, MappedDag::sum)));
    work.then(total);
    return dag.build();
  }

  private static Object sum(dev.atelier.workflows.dsl.TaskContext ctx) {
    long sum = 0;
    for (Object v : (List<?>) ctx.xcomPull("work")) {
      sum += ((Number) v).longValue();
    }
    return sum;
  }

  /** No-op instances. */
  public static final class NoOp extends MappedDag {
    public NoOp() {
      super(BenchDags.MAPPED);
    }

    @Override
    int size() {
      return BenchDags.mapSize();
    }

    @Override
    long sleepMillis() {
      return 0;
    }
  }

  /** Instances that sleep (1 s by default), as Ray Tune's overhead benchmark's 1 s trials. */
  public static final class Sleeping extends MappedDag {
    public Sleeping() {
      super(BenchDags.MAPPED_SLEEP);
    }

    @Override
    int size() {
      return BenchDags.sleepMapSize();
    }

    @Override
    long sleepMillis() {
      return BenchDags.sleepMillis();
    }
  }
}
