package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.DagDefinition;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./atelier tasks test DAG_ID TASK_ID [LOGICAL_DATE]}: as Airflow's {@code tasks test}, one
 * task run in this process, its state recorded nowhere and no app needed. The Dags come from the
 * class path (the repository's own) plus {@code --dags-classpath}; {@link LocalTaskRun} runs the
 * task as the worker's {@code RunTaskFunction} activity would.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run one task in this process, recording nothing (no app needed).",
      "Runs @task functions, branches and short-circuits (EmptyOperator succeeds at once); other"
          + " kinds (operators, trainers, sensors, triggers, reviews) need the worker: trigger"
          + " the Dag instead."
    })
final class TasksTest implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DAG_ID", description = "the Dag")
  String dagId;

  @Parameters(index = "1", paramLabel = "TASK_ID", description = "the task")
  String taskId;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "LOGICAL_DATE",
      description = "the run's logical date, ISO 8601 (default: now)")
  String logicalDate;

  @Option(
      names = {"-t", "--task-params", "--conf"},
      paramLabel = "JSON",
      converter = JsonObjectConverter.class,
      description = "the run's conf, a JSON object over the Dag's params (as a trigger's --conf)")
  JsonObject conf;

  @Option(
      names = "--xcom",
      paramLabel = "TASK_ID=JSON",
      description =
          "an upstream task's return value (its XCom), as JSON; repeat for each upstream the"
              + " task reads")
  Map<String, String> xcoms = new LinkedHashMap<>();

  @Option(
      names = "--dags-classpath",
      paramLabel = "PATHS",
      description =
          "more jars or class folders (':'-separated) whose Dags to load (default:"
              + " ATELIER_DAGS_CLASSPATH)")
  String dagsClasspath;

  @Mixin Output output;

  private final List<String> importErrors = new ArrayList<>();

  @Override
  public void run() {
    Instant date = logicalDate();
    Map<String, Object> upstream = upstreamValues();
    DagBag bag = dagBag();
    Dag dag =
        bag.get(dagId)
            .orElseThrow(
                () ->
                    new CliFailure(
                        ExitCodes.NOT_FOUND,
                        "DAG_ID: '"
                            + dagId
                            + "' is not a Dag on the class path (known: "
                            + String.join(", ", bag.all().stream().map(Dag::dagId).toList())
                            + "); --dags-classpath adds jars or folders to look in"
                            + (importErrors.isEmpty()
                                ? ""
                                : "; import errors: " + String.join("; ", importErrors))));
    LocalTaskRun.Outcome outcome =
        new LocalTaskRun(bag, dag, spec.commandLine())
            .run(taskId, date, conf == null ? null : conf.value(), upstream);
    if (output.json()) {
      output.value(outcome.json(dagId, taskId));
    } else {
      outcome.print(output);
    }
    if (outcome.failed()) {
      throw new CliFailure(ExitCodes.FAILED, "task " + taskId + " failed: " + outcome.error());
    }
  }

  private Instant logicalDate() {
    if (logicalDate == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(logicalDate).toInstant();
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "LOGICAL_DATE: '"
              + logicalDate
              + "' is not an ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00Z");
    }
  }

  private Map<String, Object> upstreamValues() {
    Map<String, Object> out = new LinkedHashMap<>();
    xcoms.forEach(
        (task, json) -> {
          try {
            out.put(task, JsonObjectConverter.JSON.readValue(json, Object.class));
          } catch (JsonProcessingException e) {
            throw new ParameterException(
                spec.commandLine(),
                "--xcom: '"
                    + task
                    + "="
                    + json
                    + "': the value is not valid JSON ("
                    + e.getOriginalMessage()
                    + "); quote a string as '\"text\"'");
          }
        });
    return out;
  }

  private DagBag dagBag() {
    String paths =
        dagsClasspath != null
            ? dagsClasspath
            : AtelierCli.env(spec).getOrDefault("ATELIER_DAGS_CLASSPATH", "");
    String from = dagsClasspath != null ? "--dags-classpath" : "ATELIER_DAGS_CLASSPATH";
    List<URL> urls = new ArrayList<>();
    for (String part : paths.split(File.pathSeparator)) {
      if (part.isBlank()) {
        continue;
      }
      Path path = Path.of(part);
      if (!Files.exists(path)) {
        throw new ParameterException(
            spec.commandLine(), from + ": '" + part + "' does not exist; give jars or folders");
      }
      try {
        urls.add(path.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new ParameterException(spec.commandLine(), from + ": '" + part + "' " + e);
      }
    }
    ClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), TasksTest.class.getClassLoader());
    // As Airflow's DagBag, a Dag that fails to load is an import error, not the end of the others.
    List<DagDefinition> loaded = new ArrayList<>();
    Iterator<DagDefinition> definitions =
        ServiceLoader.load(DagDefinition.class, loader).iterator();
    for (int guard = 0; guard < 10_000; guard++) {
      DagDefinition definition;
      try {
        if (!definitions.hasNext()) {
          break;
        }
        definition = definitions.next();
      } catch (ServiceConfigurationError e) {
        importErrors.add(e.getMessage());
        continue;
      }
      try {
        Dag dag = definition.define();
        loaded.add(() -> dag);
      } catch (RuntimeException | LinkageError e) {
        importErrors.add(definition.getClass().getName() + ": " + e);
      }
    }
    try {
      return DagBag.of(loaded);
    } catch (RuntimeException e) {
      throw new CliFailure(ExitCodes.FAILED, "the Dags could not be loaded: " + e.getMessage());
    }
  }
}
