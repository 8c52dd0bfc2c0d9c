package dev.atelier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tasks test} runs a task of {@link CliTestDag} in this process with no app (the URL points
 * nowhere): function tasks run with params, conf and upstream XComs; the kinds it cannot run are
 * refused naming the kind; unknown Dags and tasks exit 3.
 */
class TasksTestCommandTest {
  private static final Map<String, String> NO_APP = Map.of("ATELIER_URL", "http://127.0.0.1:9");

  @Test
  void aFunctionTask_runsWithTheConfAndTheUpstreamXcom() {
    Cli.Result r =
        Cli.run(
            NO_APP,
            "tasks",
            "test",
            "cli_test",
            "greet",
            "2026-01-01T00:00:00Z",
            "--xcom",
            "count=4",
            "--conf",
            "{\"greeting\": \"hi\"}");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("state         success"), r.out());
    assertTrue(r.out().contains("return_value  hi x4"), r.out());
    assertTrue(r.out().contains("xcom shout    true"), r.out());

    Cli.Result json = Cli.run(NO_APP, "tasks", "test", "cli_test", "count", "-o", "json");
    assertEquals(0, json.exit(), json.toString());
    assertTrue(json.out().contains("\"return_value\" : 3"), json.out());
  }

  @Test
  void aMissingUpstreamXcomOrBadParam_isAUsageError() {
    Cli.Result r = Cli.run(NO_APP, "tasks", "test", "cli_test", "greet");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "--xcom: the task's arguments read count's XCom 'return_value'; give it as --xcom count=JSON"),
        r.err());
    Cli.Result param =
        Cli.run(NO_APP, "tasks", "test", "cli_test", "count", "--task-params", "{\"nope\": 1}");
    assertEquals(2, param.exit(), param.toString());
    assertTrue(
        param.err().contains("--task-params: params.nope: 1 is not a param of Dag cli_test"),
        param.err());
    Cli.Result xcom =
        Cli.run(NO_APP, "tasks", "test", "cli_test", "greet", "--xcom", "count=three");
    assertEquals(2, xcom.exit());
    assertTrue(
        xcom.err().contains("--xcom: 'count=three': the value is not valid JSON"), xcom.err());
  }

  @Test
  void aFailingTask_exits1_skippedAndEmpty_exit0() {
    Cli.Result boom = Cli.run(NO_APP, "tasks", "test", "cli_test", "boom");
    assertEquals(1, boom.exit(), boom.toString());
    assertTrue(boom.out().contains("state         failed"), boom.out());
    assertTrue(
        boom.err().contains("task boom failed: IllegalStateException: disk full"), boom.err());
    Cli.Result skipped = Cli.run(NO_APP, "tasks", "test", "cli_test", "skipper");
    assertEquals(0, skipped.exit(), skipped.toString());
    assertTrue(
        skipped.out().contains("skipped") && skipped.out().contains("nothing new"), skipped.out());
    Cli.Result empty = Cli.run(NO_APP, "tasks", "test", "cli_test", "done");
    assertEquals(0, empty.exit(), empty.toString());
    assertTrue(empty.out().contains("EmptyOperator: nothing to run"), empty.out());
  }

  @Test
  void kindsThatNeedTheWorker_areRefused_namingTheKind() {
    Cli.Result r = Cli.run(NO_APP, "tasks", "test", "cli_test", "remote");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("TASK_ID: 'remote' is a"), r.err());
    assertTrue(r.err().contains("(kind ACTIVITY)"), r.err());
    assertTrue(r.err().contains("./atelier dags trigger cli_test"), r.err());
  }

  @Test
  void unknownDagsAndTasks_exit3_namingWhatIsThere() {
    Cli.Result dag = Cli.run(NO_APP, "tasks", "test", "no_such_dag", "t");
    assertEquals(3, dag.exit());
    assertTrue(
        dag.err().contains("DAG_ID: 'no_such_dag' is not a Dag on the class path"), dag.err());
    assertTrue(dag.err().contains("cli_test"), dag.err());
    Cli.Result task = Cli.run(NO_APP, "tasks", "test", "cli_test", "nope");
    assertEquals(3, task.exit());
    assertTrue(
        task.err().contains("(tasks: count, greet, boom, skipper, remote, done)"), task.err());
    Cli.Result cp =
        Cli.run(
            NO_APP, "tasks", "test", "cli_test", "count", "--dags-classpath", "/nonexistent.jar");
    assertEquals(2, cp.exit());
    assertTrue(cp.err().contains("--dags-classpath: '/nonexistent.jar' does not exist"), cp.err());
  }
}
