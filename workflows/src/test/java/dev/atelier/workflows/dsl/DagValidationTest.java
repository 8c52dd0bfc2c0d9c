package dev.atelier.workflows.dsl;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in a Dag definition are reported when it is built, all of them, in Airflow's words. */
class DagValidationTest {

  private static DagBuilder sweep() {
    return Dag.builder("emoji_sweep")
        .params(
            Params.builder()
                .param("lrs", Param.array(Param.ofType(ParamType.NUMBER), List.of(0.1)))
                .param("steps", Param.integer(10))
                .build());
  }

  private static List<String> violations(DagBuilder dag) {
    return assertThrows(DagValidationException.class, dag::build).violations();
  }

  /**
   *
   *
   * <pre>
   *   prepare ──▶ train ──▶ pick_best
   *                 ▲           │
   *                 └───────────┘
   * </pre>
   */
  @Test
  void aCycleNamesTheTaskReachedAgain() {
    DagBuilder dag = sweep();
    Task prepare = dag.add(new EmptyOperator("prepare"));
    Task train = dag.add(new EmptyOperator("train"));
    Task pickBest = dag.add(new EmptyOperator("pick_best"));
    Chain.chain(prepare, train, pickBest);
    pickBest.then(train);
    assertEquals(List.of("Cycle detected in Dag emoji_sweep: faulty task train"), violations(dag));
  }

  /**
   *
   *
   * <pre>
   *   pick_best ──▶ report ──▶ pick_best
   * </pre>
   */
  @Test
  void aTwoTaskCycleIsFound() {
    DagBuilder dag = sweep();
    Task pickBest = dag.add(new EmptyOperator("pick_best"));
    Task report = dag.add(new EmptyOperator("report"));
    pickBest.then(report).then(pickBest);
    DagValidationException e = assertThrows(DagValidationException.class, dag::build);
    assertEquals(
        "Dag emoji_sweep is invalid: Cycle detected in Dag emoji_sweep: faulty task pick_best",
        e.getMessage());
  }

  /**
   *
   *
   * <pre> t0 ──▶ t1 ──▶ … ──▶ t9999 </pre>
   */
  @Test
  void aTenThousandTaskChainValidatesWithoutOverflowingTheStack() {
    DagBuilder dag = Dag.builder("long_chain");
    Task[] tasks = new Task[10_000];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = dag.add(new EmptyOperator("t" + i));
    }
    Chain.chain(tasks);
    assertEquals(10_000, dag.build().toSpec().tasks().size());
  }

  /**
   *
   *
   * <pre> t0 ──▶ t1 ──▶ … ──▶ t9999 ──▶ t0 </pre>
   */
  @Test
  void aCycleClosingATenThousandTaskChainIsFound() {
    DagBuilder dag = Dag.builder("long_cycle");
    Task[] tasks = new Task[10_000];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = dag.add(new EmptyOperator("t" + i));
    }
    Chain.chain(tasks);
    tasks[9_999].then(tasks[0]);
    assertEquals(List.of("Cycle detected in Dag long_cycle: faulty task t0"), violations(dag));
  }

  @Test
  void duplicateAndMalformedTaskIdsAreAllReported() {
    DagBuilder dag = sweep();
    dag.add(new EmptyOperator("train"));
    dag.add(new EmptyOperator("train"));
    dag.add(new EmptyOperator("pick best!"));
    dag.add(new EmptyOperator("x".repeat(251)));
    assertEquals(
        List.of(
            "Task id 'train' has already been added to the Dag",
            "task_id 'pick best!' has to be made of alphanumeric characters, dashes, dots and"
                + " underscores exclusively, at most 250 of them",
            "task_id '"
                + "x".repeat(251)
                + "' has to be made of alphanumeric characters, dashes, dots and"
                + " underscores exclusively, at most 250 of them"),
        violations(dag));
  }

  @Test
  void expandOverAnArgumentTheOperatorDoesNotAcceptNamesIt() {
    DagBuilder dag = sweep();
    dag.add(
        TrainOperator.partial("train", Kwargs.of("steps", param("steps")))
            .expand(Kwargs.of("lr2", param("lrs"))));
    assertEquals(List.of("train.expand() got an unexpected argument 'lr2'"), violations(dag));
  }

  @Test
  void badPartialArgumentsAndReferencesAreReportedTogether() {
    DagBuilder dag = sweep().schedule("every day");
    dag.add(
        TrainOperator.partial("train", Kwargs.of("stepz", 3, "gpus", param("gpu_count")))
            .expand(Kwargs.of("lr", param("steps"), "latent_dim", 64, "gpus", List.of(0, 1))));
    assertEquals(
        List.of(
            "schedule 'every day' is not a valid cron expression or preset: a cron expression"
                + " has 5 fields (minute hour day-of-month month day-of-week), got 2",
            "Task 'train' argument 'gpus' refers to params.gpu_count, which is not a param of"
                + " this Dag",
            "train.partial() got an unexpected argument 'stepz'",
            "train.expand() argument 'lr' refers to params.steps, which is of type 'integer',"
                + " not 'array'",
            "train.expand() argument 'latent_dim' must be a list or a reference to an array"
                + " param, got 64",
            "train.expand() cannot map 'gpus': it applies to the whole sweep; pass it to"
                + " partial()"),
        violations(dag));
  }

  @Test
  void aTaskWiredToOneOutsideTheDagIsReported() {
    DagBuilder dag = sweep();
    Task a = dag.add(new EmptyOperator("a"));
    a.then(new EmptyOperator("stray"));
    assertEquals(
        List.of("Task 'stray' depends on 'a' but was never added to this Dag"), violations(dag));
  }

  @Test
  void cronAndPresetSchedulesAreAccepted() {
    assertEquals("@daily", Dag.builder("d").schedule("@daily").build().schedule());
    assertEquals("*/5 0 * * 1-5", Dag.builder("c").schedule("*/5 0 * * 1-5").build().schedule());
  }

  @Test
  void quartzOnlyCronTokensAreRefusedNamingTheFieldAndTheRule() {
    String why =
        "' uses L, W or #, which Atelier does not support: a Temporal Schedule cannot express"
            + " them (list the days instead, e.g. 28-31 with a check in the first task)";
    for (String[] c :
        new String[][] {
          {"0 0 L * *", "day-of-month 'L"},
          {"0 0 15W * *", "day-of-month '15W"},
          {"0 0 ? * 5#2", "day-of-week '5#2"},
          {"0 0 * * FRIL", "day-of-week 'FRIL"}
        }) {
      DagValidationException e =
          assertThrows(DagValidationException.class, () -> Dag.builder("q").schedule(c[0]).build());
      assertEquals(
          List.of(
              "schedule '" + c[0] + "' is not a valid cron expression or preset: " + c[1] + why),
          e.violations());
    }
    // Names that contain the letters are not the tokens.
    assertEquals(
        "0 0 * JUL WED,SAT", Dag.builder("n").schedule("0 0 * JUL WED,SAT").build().schedule());
  }

  @Test
  void aFixedIntervalScheduleIsCheckedAndNotGivenTwice() {
    assertEquals(
        Duration.ofHours(6),
        Dag.builder("every6h").schedule(Duration.ofHours(6)).build().scheduleInterval());
    assertEquals(
        List.of("schedule interval must be at least 1 s, got PT0.5S"),
        assertThrows(
                DagValidationException.class,
                () -> Dag.builder("tiny").schedule(Duration.ofMillis(500)).build())
            .violations());
    assertEquals(
        List.of(
            "schedule is given twice ('@daily' and every PT6H); give a cron expression, a preset"
                + " or an interval"),
        assertThrows(
                DagValidationException.class,
                () -> Dag.builder("both").schedule("@daily").schedule(Duration.ofHours(6)).build())
            .violations());
  }
}
