package dev.atelier.workflows.schedule;

import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import java.util.List;

/**
 * "A changed dataset starts retraining on its own": the demo sweep's tasks ({@code prepare_dataset
 * >> train >> pick_best}), scheduled on the dataset {@value #DATASET_URI} instead of by hand. A
 * producer that refreshes the emoji images posts an event for that URI ({@code POST
 * /api/v1/datasets/events}) and a two-trial retraining sweep starts within seconds; the run's conf
 * carries the {@code triggering_dataset_events}.
 *
 * <p>The URI is deliberately not the {@code file://} URI the demo registers its images under before
 * it triggers {@code emoji_dcgan_sweep} by hand, so the demo never starts a second sweep. {@code
 * dataset_path} defaults to {@code $ATELIER_DATASET_EMOJI}, as in the demo sweep.
 */
public final class EmojiDcganRetrain implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "emoji_dcgan_retrain";
  public static final String DATASET_URI = "atelier://datasets/emoji-noto";

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default comes from the environment. */
  public EmojiDcganRetrain() {
    this(System.getenv().getOrDefault("ATELIER_DATASET_EMOJI", ""));
  }

  public EmojiDcganRetrain(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  @Override
  public Timetable timetable() {
    return Timetable.datasets(Dataset.of(DATASET_URI));
  }

  @Override
  public Dag define() {
    return EmojiDcganSweep.sweep(
        Dag.builder(DAG_ID)
            .description(
                "Retrains the emoji DCGAN (two trials) whenever " + DATASET_URI + " changes")
            .catchup(false)
            .maxActiveRuns(1)
            .tags("gan", "dcgan", "emoji", "retrain"),
        defaultDatasetPath,
        List.of(0.0002));
  }
}
