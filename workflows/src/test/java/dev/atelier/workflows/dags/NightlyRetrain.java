package dev.atelier.workflows.dags;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.dsl.BranchOperator;
import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.DefaultArgs;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamType;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.ShortCircuitOperator;
import dev.atelier.workflows.dsl.TaskContext;
import dev.atelier.workflows.dsl.TaskGroup;
import dev.atelier.workflows.dsl.TriggerRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The complete example of {@code workflows/README.md}: a nightly retraining Dag that stops early
 * when there is too little new data, cleans shards mapped over a list known only at run time
 * (inside a task group), trains one model per learning rate on the {@code gpu} pool, and branches
 * on the best score. The functions stand in for real work with small computations, so the Dag runs
 * in tests as written.
 */
public final class NightlyRetrain implements DagDefinition {
  public static final String DAG_ID = "nightly_retrain";

  @Override
  public Dag define() {
    DagBuilder dag =
        Dag.builder(DAG_ID)
            .description("Retrain the emoji GAN on new images, keep it if it got better")
            .schedule("0 3 * * MON-FRI")
            .startDate(Instant.parse("2026-01-05T00:00:00Z"))
            .maxActiveTasks(8)
            .defaultArgs(
                DefaultArgs.defaults()
                    .withRetries(2)
                    .withRetryDelay(Duration.ofMinutes(1))
                    .withRetryExponentialBackoff(true, Duration.ofMinutes(10)))
            .params(
                Params.builder()
                    .param("min_new_images", Param.integer(100).minimum(0))
                    .param(
                        "learning_rates",
                        Param.array(Param.ofType(ParamType.NUMBER), List.of(0.0001, 0.0002))
                            .minItems(1))
                    .param("target_fid", Param.number(28.5))
                    .build());

    // Stop here (and skip everything downstream) when too few images arrived.
    var count = dag.add(new FunctionTask("count_new_images", ctx -> 250));
    var enough =
        dag.add(
            new ShortCircuitOperator(
                    "enough_new_images",
                    ctx -> ctx.arg("count", Integer.class) >= ctx.arg("min", Integer.class))
                .arg("count", count.output())
                .arg("min", param("min_new_images")));

    // Shards are known only at run time: clean_shard maps over list_shards' return value.
    TaskGroup prepare = dag.group("prepare");
    var shards = prepare.add(new FunctionTask("list_shards", ctx -> List.of("a", "b", "c")));
    var clean =
        prepare
            .add(new FunctionTask("clean_shard", NightlyRetrain::cleanShard, "shard"))
            .expand(Kwargs.of("shard", shards.output()));
    var merge = prepare.add(new FunctionTask("merge", NightlyRetrain::merge));
    clean.then(merge);

    // One model per learning rate; each try takes a slot of the shared gpu pool.
    var train =
        dag.add(new FunctionTask("train", NightlyRetrain::train, "lr", "dataset"))
            .arg("dataset", merge.output())
            .expand(Kwargs.of("lr", param("learning_rates")));
    train.pool("gpu").executionTimeout(Duration.ofHours(6));

    var decide =
        dag.add(new BranchOperator("good_enough", NightlyRetrain::decide))
            .arg("target", param("target_fid"));
    var promote = dag.add(new FunctionTask("promote", ctx -> ctx.xcomPull("good_enough", "best")));
    var keepOld = dag.add(new EmptyOperator("keep_current_model"));
    var done =
        dag.add(new EmptyOperator("done")).triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);

    Chain.chain(count, enough, prepare, train, decide);
    decide.then(List.of(promote, keepOld));
    promote.then(done);
    keepOld.then(done);
    return dag.build();
  }

  private static Object cleanShard(TaskContext ctx) {
    String shard = ctx.arg("shard", String.class);
    return Map.of("shard", shard, "images", 80 + shard.charAt(0) - 'a');
  }

  @SuppressWarnings("unchecked")
  private static Object merge(TaskContext ctx) {
    List<Map<String, Object>> parts =
        (List<Map<String, Object>>) ctx.xcomPull("prepare.clean_shard");
    int images = parts.stream().mapToInt(p -> (Integer) p.get("images")).sum();
    return Map.of("images", images, "shards", parts.size());
  }

  private static Object train(TaskContext ctx) {
    double lr = ctx.arg("lr", Double.class);
    return Map.of("lr", lr, "fid", 30.0 - lr * 10_000);
  }

  @SuppressWarnings("unchecked")
  private static Object decide(TaskContext ctx) {
    List<Map<String, Object>> trials = (List<Map<String, Object>>) ctx.xcomPull("train");
    Map<String, Object> best =
        trials.stream()
            .min(Comparator.comparingDouble(t -> ((Number) t.get("fid")).doubleValue()))
            .orElseThrow();
    ctx.xcomPush("best", best);
    double target = ctx.arg("target", Double.class);
    return ((Number) best.get("fid")).doubleValue() < target ? "promote" : "keep_current_model";
  }
}
