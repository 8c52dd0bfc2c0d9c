package dev.atelier.ui.worker;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.workflows.activities.TriggerActivities;
import dev.atelier.workflows.activities.TriggerRequest;
import dev.atelier.workflows.activities.TriggeredRun;
import dev.atelier.workflows.dsl.InvalidParamsException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app side of a TriggerDagRunOperator: the run is created by {@link DagRunService#trigger}, the
 * path of {@code POST /api/v1/dags/{dag_id}/dagRuns}, so pause and {@code max_active_runs} hold for
 * it as for every other run. Refusals the caller cannot fix by retrying (unknown Dag, bad conf, a
 * run id taken) fail the try at once with the API's words; an engine that refused the start is
 * retried.
 */
@Singleton
public class TriggerActivitiesImpl implements TriggerActivities {
  private final DagRunService service;
  private final DagRunRepository runs;

  TriggerActivitiesImpl(DagRunService service, DagRunRepository runs) {
    this.service = service;
    this.runs = runs;
  }

  @Override
  public TriggeredRun triggerDagRun(TriggerRequest request) {
    Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
    try {
      DagRunRow row =
          service.trigger(
              request.dagId(),
              new dev.atelier.ui.service.TriggerRequest(
                  request.runId(), request.logicalDate(), null, conf, request.note()));
      return new TriggeredRun(row.dagId(), row.runId(), row.state());
    } catch (InvalidParamsException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidParams");
    } catch (ApiProblem p) {
      if (p.status() == 409) {
        Optional<DagRunRow> mine = earlierAttempt(request, conf);
        if (mine.isPresent()) {
          return new TriggeredRun(mine.get().dagId(), mine.get().runId(), mine.get().state());
        }
      }
      if (p.status() >= 500) {
        throw ApplicationFailure.newFailure(p.detail(), "TriggerUnavailable");
      }
      String type =
          switch (p.status()) {
            case 404 -> "DagNotFound";
            case 409 -> "DagRunAlreadyExists";
            default -> "BadTrigger";
          };
      throw ApplicationFailure.newNonRetryableFailure(p.detail(), type);
    }
  }

  @Override
  public String dagRunState(String dagId, String runId) {
    return runs.find(dagId, runId)
        .map(DagRunRow::state)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "the triggered run " + dagId + "/" + runId + " was deleted",
                    "TriggeredRunDeleted"));
  }

  /** A retried call whose first attempt stored the run: same run, note (the asker) and conf. */
  private Optional<DagRunRow> earlierAttempt(TriggerRequest request, Map<String, Object> conf) {
    Optional<String> runId = Optional.ofNullable(request.runId());
    if (runId.isEmpty()) {
      OffsetDateTime at =
          OffsetDateTime.parse(request.logicalDate())
              .withOffsetSameInstant(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MICROS);
      runId = runs.runIdAt(request.dagId(), at);
    }
    return runId
        .flatMap(id -> runs.find(request.dagId(), id))
        .filter(r -> Objects.equals(r.note(), request.note()) && Objects.equals(r.conf(), conf));
  }
}
