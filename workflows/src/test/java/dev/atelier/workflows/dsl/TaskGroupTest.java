package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Task groups: prefixed ids, and dependencies on a group meaning its roots or its leaves. */
class TaskGroupTest {

  /**
   *
   *
   * <pre>
   *             ┌──────────── etl ─────────────┐
   *   start ──▶ │ extract ──▶ clean            │ ──▶ end
   *             │         └─▶ enrich.geo       │
   *             │            (group enrich)    │
   *             └──────────────────────────────┘
   * </pre>
   */
  @Test
  void groupIdsPrefixTheirTasksAndDependenciesOnAGroupMeanItsRootsOrLeaves() {
    DagBuilder b = Dag.builder("grouped");
    Task start = b.add(new EmptyOperator("start"));
    TaskGroup etl = b.group("etl");
    Task extract = etl.add(new EmptyOperator("extract"));
    Task clean = etl.add(new EmptyOperator("clean"));
    Task geo = etl.group("enrich").add(new EmptyOperator("geo"));
    extract.then(List.of(clean, geo));
    Task end = b.add(new EmptyOperator("end"));
    start.then(etl).then(end);

    DagSpec spec = b.build().toSpec();

    assertEquals(
        List.of("start", "etl.extract", "etl.clean", "etl.enrich.geo", "end"),
        spec.tasks().stream().map(TaskSpec::taskId).toList());
    assertEquals(List.of("start"), spec.task("etl.extract").orElseThrow().upstreamTaskIds());
    assertEquals(
        List.of("etl.clean", "etl.enrich.geo"), spec.task("end").orElseThrow().upstreamTaskIds());
    assertEquals("etl.enrich", spec.task("etl.enrich.geo").orElseThrow().taskGroup());
  }

  @Test
  void aGroupIdTakenTwiceOrByATaskIsReported() {
    DagBuilder b = Dag.builder("grouped");
    b.add(new EmptyOperator("etl"));
    b.group("etl").add(new EmptyOperator("a"));
    b.group("etl").add(new EmptyOperator("b"));
    var e = assertThrows(DagValidationException.class, b::build);
    assertEquals(
        List.of(
            "The group_id 'etl' is also the id of a task; ids must be unique",
            "The group_id 'etl' has already been added to the Dag"),
        e.violations());
  }
}
