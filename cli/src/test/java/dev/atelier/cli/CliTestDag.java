package dev.atelier.cli;

import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TaskSkipped;

/** The Dag {@code tasks test} runs in the unit tests: one task of each kind it meets. */
public final class CliTestDag implements DagDefinition {
  @Override
  public Dag define() {
    var dag =
        Dag.builder("cli_test")
            .params(Params.builder().param("greeting", Param.string("hello")).build());
    var count = dag.add(new FunctionTask("count", ctx -> 3));
    var greet =
        dag.add(
            new FunctionTask(
                    "greet",
                    ctx -> {
                      ctx.xcomPush("shout", true);
                      return ctx.params().get("greeting") + " x" + ctx.arg("n", Integer.class);
                    },
                    "n")
                .arg("n", count.output()));
    dag.add(
        new FunctionTask(
            "boom",
            ctx -> {
              throw new IllegalStateException("disk full");
            }));
    dag.add(
        new FunctionTask(
            "skipper",
            ctx -> {
              throw new TaskSkipped("nothing new");
            }));
    dag.add(new ActivityOperator("remote", "SomeActivity"));
    dag.add(new EmptyOperator("done"));
    count.then(greet);
    return dag.build();
  }
}
