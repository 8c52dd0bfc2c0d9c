package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Dag's schedule from its definition: the string form, or a declaration beside it. */
class DagTimetablesTest {
  private static final Instant START = Instant.parse("2026-11-21T10:00:02Z");

  private static DagDefinition dag(String id, String schedule, Instant start) {
    return () -> {
      var dag = Dag.builder(id).schedule(schedule).startDate(start).catchup(true);
      dag.add(new EmptyOperator("noop"));
      return dag.build();
    };
  }

  /** A definition with a timetable the builder cannot hold, as a Dag author writes one. */
  private record Declared(String id, Timetable timetable, Instant end, String schedule)
      implements DagDefinition, ScheduleDeclaration {
    @Override
    public Dag define() {
      return dag(id, schedule, START).define();
    }

    @Override
    public Instant endDate() {
      return end;
    }
  }

  @Test
  void scheduleStrings_becomeTimetables_withTheDagsWindow() {
    DagTimetables all =
        DagTimetables.of(
            List.of(
                new EmojiDcganSweep("/data"),
                dag("daily", "@daily", START),
                dag("once", "@once", START)));
    DagTimetable manual = all.get(EmojiDcganSweep.DAG_ID).orElseThrow();
    assertInstanceOf(NullTimetable.class, manual.timetable());
    assertTrue(!manual.clockDriven() && manual.assets() == null);
    DagTimetable daily = all.get("daily").orElseThrow();
    assertTrue(daily.clockDriven());
    assertEquals(new TimeRestriction(START, null, true), daily.restriction());
    assertTrue(all.get("once").orElseThrow().clockDriven());
  }

  @Test
  void aDurationSchedule_becomesAFixedIntervalAnchoredAtStartDate() {
    DagDefinition every6h =
        () -> {
          var dag =
              Dag.builder("every6h").schedule(Duration.ofHours(6)).startDate(START).catchup(true);
          dag.add(new EmptyOperator("noop"));
          return dag.build();
        };
    DagTimetable t = DagTimetables.of(List.of(every6h)).get("every6h").orElseThrow();

    assertTrue(t.clockDriven());
    assertEquals("Every 6 hours", t.timetable().description());
    assertEquals(
        List.of(START, START.plus(Duration.ofHours(6))),
        t.timetable().runsBetween(START, START.plus(Duration.ofHours(6)), t.restriction()).stream()
            .map(DagRunInfo::logicalDate)
            .toList());
  }

  @Test
  void declarations_carryIntervalsDatasetsAndEndDates() {
    Instant end = START.plus(Duration.ofDays(1));
    DagTimetables all =
        DagTimetables.of(
            List.of(
                new Declared("every5", Timetable.every(Duration.ofSeconds(5)), end, null),
                new Declared("on_data", Timetable.datasets(Dataset.of("s3://x")), null, null)));
    DagTimetable every5 = all.get("every5").orElseThrow();
    assertEquals(end, every5.restriction().latest());
    assertEquals(
        Duration.ofSeconds(2),
        ((DeltaDataIntervalTimetable) every5.timetable()).offset(),
        "bound to start_date's grid");
    assertEquals(Dataset.of("s3://x"), all.get("on_data").orElseThrow().assets());
    assertNull(all.get("nope").orElse(null));
  }

  @Test
  void schedulesThatCannotRun_areAllReportedAtOnce_namingTheirDag() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                DagTimetables.of(
                    List.of(
                        dag("no_start", "@daily", null),
                        new Declared(
                            "twice", Timetable.every(Duration.ofHours(1)), null, "@hourly"),
                        new Declared(
                            "backwards", Timetable.of("@daily"), START.minusSeconds(60), null))));
    assertEquals(
        "Dag schedules that cannot run:\n"
            + "  Dag no_start: schedule '@daily' needs a start_date (none is set)\n"
            + "  Dag twice: schedule '@hourly' is given twice (in the Dag and as a timetable); keep"
            + " one\n"
            + "  Dag backwards: end_date 2026-11-21T09:59:02Z is before start_date"
            + " 2026-11-21T10:00:02Z",
        e.getMessage());
  }

  @Test
  void retrainDag_isScheduledOnTheEmojiDataset_notOnTheDemosFileUri() {
    DagTimetable retrain =
        DagTimetables.of(List.of(new EmojiDcganRetrain("/data/emoji")))
            .get(EmojiDcganRetrain.DAG_ID)
            .orElseThrow();
    assertEquals(Asset.of("emoji_noto", "atelier://datasets/emoji-noto"), retrain.assets());
    assertEquals(
        "Triggered by assets: atelier://datasets/emoji-noto", retrain.timetable().description());
    Dag dag = new EmojiDcganRetrain("/data/emoji").define();
    assertEquals(1, dag.maxActiveRuns());
    assertEquals(
        List.of(0.0002),
        dag.params().resolve(java.util.Map.of()).get("learning_rates"),
        "two trials by default: one learning rate, two latent sizes");
  }
}
