package dev.atelier.workflows.dsl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Dag} the way Airflow's {@code with DAG(...)} block does: settings first, then
 * tasks added with {@link #add} (or through a {@link #group}), wired with {@code then}, and {@link
 * #build()} validates it all. Only {@code dag_id} is required.
 */
public final class DagBuilder {
  private final String dagId;
  private String description;
  private String schedule;
  private Duration scheduleInterval;
  private Instant startDate;
  private boolean catchup;
  private int maxActiveRuns = 16;
  private int maxActiveTasks = 16;
  private DefaultArgs defaultArgs = DefaultArgs.defaults();
  private List<String> tags = List.of();
  private Params params = Params.empty();
  private final List<Task> tasks = new ArrayList<>();
  private final List<TaskGroup> groups = new ArrayList<>();

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

  /**
   * Airflow's {@code schedule=timedelta(...)}: one run per fixed interval, the intervals laid from
   * {@code start_date} on (which it then needs). At least 1 s; give either this or a string
   * schedule.
   */
  public DagBuilder schedule(Duration every) {
    this.scheduleInterval = every;
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

  /**
   * Airflow's {@code max_active_tasks} (default 16): how many task instances of one run may be
   * queued or running at once; the others wait, highest priority weight first. (Airflow counts
   * across all runs of the Dag; for a cap across runs use a pool.)
   */
  public DagBuilder maxActiveTasks(int value) {
    this.maxActiveTasks = value;
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
    return addTask(task);
  }

  /** A task group: tasks added through it get {@code groupId.} as a prefix. */
  public TaskGroup group(String groupId) {
    return addGroup(new TaskGroup(this, null, groupId));
  }

  <T extends Task> T addTask(T task) {
    tasks.add(task);
    return task;
  }

  TaskGroup addGroup(TaskGroup group) {
    groups.add(group);
    return group;
  }

  /**
   * Validates and builds the Dag. XComArgs used as arguments make their tasks upstream first, as in
   * Airflow.
   *
   * @throws DagValidationException listing every problem found
   */
  public Dag build() {
    Params bound = params.forDag(dagId);
    wireXComArgs();
    List<String> violations =
        DagValidator.validate(
            new DagValidator.Definition(
                dagId,
                schedule,
                scheduleInterval,
                maxActiveRuns,
                maxActiveTasks,
                bound,
                defaultArgs,
                tasks,
                groups));
    if (!violations.isEmpty()) {
      throw new DagValidationException(dagId, violations);
    }
    return new Dag(
        new Dag.Settings(
            dagId,
            description,
            schedule,
            scheduleInterval,
            startDate,
            catchup,
            maxActiveRuns,
            maxActiveTasks,
            defaultArgs,
            tags,
            bound),
        tasks,
        groups);
  }

  private void wireXComArgs() {
    Map<Task, Boolean> members = new IdentityHashMap<>();
    tasks.forEach(t -> members.put(t, true));
    for (Task task : tasks) {
      List<Object> values = new ArrayList<>(task.args().values());
      values.addAll(task.expandArgs().values());
      values.add(task.expandKwargsArg());
      for (Object value : values) {
        ArgJson.walk(
            value,
            v -> {
              if (v instanceof XComArg x && x.task() != task && members.containsKey(x.task())) {
                x.task().linkDownstream(task);
              }
            });
      }
    }
  }
}
