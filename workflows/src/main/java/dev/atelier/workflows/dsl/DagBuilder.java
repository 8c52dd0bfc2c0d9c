package dev.atelier.workflows.dsl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link Dag} the way Airflow's {@code with DAG(...)} block does: settings first, then
 * tasks added with {@link #add}, wired with {@code then}, and {@link #build()} validates it all.
 * Only {@code dag_id} is required.
 */
public final class DagBuilder {
  private final String dagId;
  private String description;
  private String schedule;
  private Instant startDate;
  private boolean catchup;
  private int maxActiveRuns = 16;
  private DefaultArgs defaultArgs = DefaultArgs.defaults();
  private List<String> tags = List.of();
  private Params params = Params.empty();
  private final List<Task> tasks = new ArrayList<>();

  DagBuilder(String dagId) {
    this.dagId = dagId;
  }

  public DagBuilder description(String text) {
    this.description = text;
    return this;
  }

  /** A preset ({@code @daily}), a 5-field cron expression, or null for manual runs only. */
  public DagBuilder schedule(String value) {
    this.schedule = value;
    return this;
  }

  public DagBuilder startDate(Instant value) {
    this.startDate = value;
    return this;
  }

  public DagBuilder catchup(boolean value) {
    this.catchup = value;
    return this;
  }

  public DagBuilder maxActiveRuns(int value) {
    this.maxActiveRuns = value;
    return this;
  }

  public DagBuilder defaultArgs(DefaultArgs value) {
    this.defaultArgs = value;
    return this;
  }

  public DagBuilder tags(String... values) {
    this.tags = List.copyOf(Arrays.asList(values));
    return this;
  }

  public DagBuilder params(Params value) {
    this.params = value;
    return this;
  }

  /** Adds a task to the Dag and returns it, for wiring. */
  public <T extends Task> T add(T task) {
    tasks.add(task);
    return task;
  }

  /**
   * Validates and builds the Dag.
   *
   * @throws DagValidationException listing every problem found
   */
  public Dag build() {
    Params bound = params.forDag(dagId);
    List<String> violations = DagValidator.validate(dagId, schedule, maxActiveRuns, bound, tasks);
    if (!violations.isEmpty()) {
      throw new DagValidationException(dagId, violations);
    }
    return new Dag(
        dagId,
        description,
        schedule,
        startDate,
        catchup,
        maxActiveRuns,
        defaultArgs,
        tags,
        bound,
        tasks);
  }
}
