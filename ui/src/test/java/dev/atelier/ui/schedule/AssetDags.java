package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.AssetDag;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.util.UUID;

/**
 * Airflow 3's assets, as the v2 API tests and the Airflow 3 client's assets script meet them: an
 * {@code @asset} Dag ({@value #PRODUCER}) that materializes {@link #MADE}, a Dag scheduled on it
 * ({@value #CONSUMER}), and one waiting for two assets at once ({@value #WAITER}), whose first
 * event stays queued. The URIs are new in every test JVM, so events of earlier runs never count.
 */
public final class AssetDags {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  public static final String PRODUCER = "test_asset_made";
  public static final String CONSUMER = "test_asset_consumer";
  public static final String WAITER = "test_asset_waiter";
  public static final Asset MADE = Asset.of(PRODUCER, "test://" + RUN + "/made");
  public static final Asset LEFT = Asset.of("test_asset_left", "test://" + RUN + "/left");
  public static final Asset RIGHT = Asset.of("test_asset_right", "test://" + RUN + "/right");

  private AssetDags() {}

  /** {@code @asset}: one function that makes {@link #MADE} (extra {@code rows}). */
  public static final class Producer implements DagDefinition {
    @Override
    public Dag define() {
      return AssetDag.define(
          MADE,
          b -> b.description("ui tests: an @asset Dag").tags("test", "assets"),
          ctx -> {
            ctx.outletExtra(MADE.uri()).put("rows", 7);
            return "made";
          });
    }
  }

  /** Runs whenever {@link #MADE} changes. */
  public static final class Consumer implements DagDefinition, ScheduleDeclaration {
    @Override
    public Dag define() {
      var dag = Dag.builder(CONSUMER).description("ui tests: on an asset").tags("test", "assets");
      dag.add(new EmptyOperator("consume"));
      return dag.build();
    }

    @Override
    public Timetable timetable() {
      return Timetable.assets(MADE);
    }
  }

  /** Runs once both {@link #LEFT} and {@link #RIGHT} changed: one alone stays queued. */
  public static final class Waiter implements DagDefinition, ScheduleDeclaration {
    @Override
    public Dag define() {
      var dag = Dag.builder(WAITER).description("ui tests: on two assets").tags("test", "assets");
      dag.add(new EmptyOperator("consume"));
      return dag.build();
    }

    @Override
    public Timetable timetable() {
      return Timetable.assets(LEFT.and(RIGHT));
    }
  }
}
