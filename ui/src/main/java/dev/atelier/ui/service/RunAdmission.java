package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.Sql;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Airflow's scheduler decision "may this queued run start?", for every source of runs (manual,
 * scheduled, dataset-triggered, re-runs): a run starts only while its Dag is unpaused and fewer
 * than {@code max_active_runs} of its runs are active, oldest logical date first; the rest wait
 * queued, without a workflow, until a running one finishes (the scheduler loop looks every few
 * seconds).
 *
 * <p>One pass per Dag at a time, across app instances too (a PostgreSQL advisory lock held for the
 * pass's transaction). An active row whose workflow no longer runs on Temporal (terminated from
 * outside, or a row written by hand) does not hold a slot, so it cannot block its Dag for ever.
 *
 * <p>Nor can a run that could never start: one whose stored conf no longer fits the Dag's params,
 * one whose start Temporal refuses for good (an input over its payload size limit, see {@link
 * StartRefusal}), or one of a Dag this build no longer defines is failed with the reason in its
 * note, and the runs after it are admitted as if it were not there. Only a refusal that may pass
 * (Temporal unreachable or overloaded) leaves the run, and those after it, waiting for the next
 * pass.
 */
@ApplicationScoped
public class RunAdmission {
  private static final Logger LOG = Logger.getLogger(RunAdmission.class);

  private final Sql sql;
  private final DagCatalog catalog;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final DagRunWorkflows workflows;
  private final RunParams runParams;

  RunAdmission(
      Sql sql,
      DagCatalog catalog,
      DagRepository dags,
      DagRunRepository runs,
      DagRunWorkflows workflows,
      RunParams runParams) {
    this.sql = sql;
    this.catalog = catalog;
    this.dags = dags;
    this.runs = runs;
    this.workflows = workflows;
    this.runParams = runParams;
  }

  /**
   * Starts the Dag's waiting runs that fit.
   *
   * @param callerRunId the run the caller just created, whose outcome it wants; may be null
   */
  @Transactional
  public Admission admit(String dagId, String callerRunId) {
    lock(dagId);
    return pass(dagId, callerRunId);
  }

  /**
   * Stores a new run and admits it in one transaction, for a trigger that must answer whether its
   * run started: a run Temporal refuses (or already runs under another execution) is removed again
   * before anyone else can see it.
   *
   * @return null when a run with this id exists already (nothing was written)
   */
  @Transactional
  public Admission insertAndAdmit(DagRunRow run) {
    lock(run.dagId());
    if (!runs.insert(run)) {
      return null;
    }
    Admission admitted = pass(run.dagId(), run.runId());
    Admission.Outcome outcome = admitted.caller();
    if (outcome == Admission.Outcome.ALREADY_STARTED
        || outcome == Admission.Outcome.REFUSED
        || outcome == Admission.Outcome.FAILED) {
      runs.delete(run.dagId(), run.runId());
    }
    return admitted;
  }

  private void lock(String dagId) {
    sql.queryOne("select pg_advisory_xact_lock(hashtext(?))", rs -> 1, "atelier.admit:" + dagId);
  }

  private Admission pass(String dagId, String callerRunId) {
    Dag dag = catalog.get(dagId).orElse(null);
    boolean paused = dags.find(dagId).map(DagRow::isPaused).orElse(true);
    List<DagRunRow> waiting = runs.awaitingStart(dagId);
    if (dag == null && !waiting.isEmpty()) {
      return failAll(dagId, waiting, callerRunId);
    }
    if (dag == null || paused || waiting.isEmpty()) {
      return new Admission(0, callerRunId == null ? null : Admission.Outcome.WAITING);
    }
    int free = freeSlots(dag, waiting.size());
    int started = 0;
    Admission.Outcome mine = callerRunId == null ? null : Admission.Outcome.WAITING;
    String mineNote = null;
    for (DagRunRow run : waiting) {
      if (free <= 0) {
        break;
      }
      boolean isCaller = run.runId().equals(callerRunId);
      Map<String, Object> params;
      try {
        params = runParams.resolve(dag, RunConf.params(run));
      } catch (InvalidParamsException e) {
        LOG.warnf("Run %s of %s cannot start: %s", run.runId(), dagId, e.getMessage());
        runs.failUnstarted(
            dagId, run.runId(), "conf does not fit the Dag's params: " + e.getMessage());
        continue;
      }
      try {
        workflows.start(dag, run, params);
      } catch (WorkflowExecutionAlreadyStarted e) {
        if (isCaller) {
          mine = Admission.Outcome.ALREADY_STARTED;
          continue;
        }
        // Its workflow runs already (a start whose bookkeeping was lost): it holds a slot.
        LOG.infof("Run %s of %s was already started", run.runId(), dagId);
      } catch (RuntimeException e) {
        Optional<String> permanent = StartRefusal.permanent(e);
        if (permanent.isPresent()) {
          String note = "the workflow engine refused to start the run: " + permanent.get();
          LOG.warnf("Run %s of %s cannot start: %s", run.runId(), dagId, note);
          runs.failUnstarted(dagId, run.runId(), note);
          if (isCaller) {
            mine = Admission.Outcome.FAILED;
            mineNote = note;
          }
          continue;
        }
        LOG.errorf(e, "Temporal refused to start %s; it waits and is retried", run.workflowId());
        if (isCaller) {
          mine = Admission.Outcome.REFUSED;
        }
        break;
      }
      runs.markStarted(dagId, run.runId());
      free--;
      started++;
      if (isCaller) {
        mine = Admission.Outcome.STARTED;
      }
    }
    if (started > 0) {
      LOG.infof("Started %d waiting run(s) of %s", started, dagId);
    }
    return new Admission(started, mine, mineNote);
  }

  /** The Dag is gone from this build: none of its waiting runs can ever start. */
  private Admission failAll(String dagId, List<DagRunRow> waiting, String callerRunId) {
    String note =
        "Dag '" + dagId + "' is no longer defined by this build of Atelier; the run cannot start";
    for (DagRunRow run : waiting) {
      LOG.warnf("Run %s of %s cannot start: %s", run.runId(), dagId, note);
      runs.failUnstarted(dagId, run.runId(), note);
    }
    return callerRunId == null
        ? new Admission(0, null)
        : new Admission(0, Admission.Outcome.FAILED, note);
  }

  /** Slots under max_active_runs; rows whose workflow is gone are only checked when it matters. */
  private int freeSlots(Dag dag, int wanted) {
    List<DagRunRow> active = runs.active(dag.dagId());
    int free = dag.maxActiveRuns() - active.size();
    if (free >= wanted || active.isEmpty()) {
      return free;
    }
    long live = active.stream().filter(r -> workflows.isOpen(r.workflowId())).count();
    return dag.maxActiveRuns() - (int) live;
  }
}
