package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetRow;
import dev.atelier.ui.service.AirflowDates;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AssetDeclarations;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.ui.service.TriggerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v2/assets/{asset_id}/materialize}: runs the one Dag whose tasks produce the
 * asset (a task with the asset among its outlets; an {@code @asset} Dag, see {@code
 * dev.atelier.workflows.dsl.AssetDag}), as a run of type {@code asset_materialization}, through the
 * same service as a trigger. 404 when no Dag produces it, 409 when more than one does (which one
 * would be ambiguous), as in Airflow 3. The body is optional; its {@code dag_run_id}, {@code conf},
 * {@code note} and {@code logical_date}/{@code run_after} mean what they mean for a trigger.
 */
@Path("/api/v2/assets/{asset_id}/materialize")
@Produces(MediaType.APPLICATION_JSON)
public class AssetMaterializeV2Resource {
  private static final Set<String> FIELDS =
      Set.of(
          "dag_run_id",
          "data_interval_start",
          "data_interval_end",
          "logical_date",
          "run_after",
          "conf",
          "note",
          "partition_key");

  private final DatasetRepository datasets;
  private final AssetDeclarations declared;
  private final DagRepository dags;
  private final DagRunService service;
  private final AuditLog audit;
  private final DagVersionRepository versions;

  AssetMaterializeV2Resource(
      DatasetRepository datasets,
      AssetDeclarations declared,
      DagRepository dags,
      DagRunService service,
      AuditLog audit,
      DagVersionRepository versions) {
    this.versions = versions;
    this.datasets = datasets;
    this.declared = declared;
    this.dags = dags;
    this.service = service;
    this.audit = audit;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public DagRunResponse materialize(@PathParam("asset_id") String assetId, String text) {
    RequestChecks checks = new RequestChecks();
    long id = AssetsV2Resource.assetId(checks, assetId);
    // The body is optional (Airflow 3's MaterializeAssetBody | None).
    JsonBody body = JsonBody.parse(text == null || text.isBlank() ? "{}" : text, FIELDS, checks);
    String runId = body.string("dag_run_id", RequestChecks.ID_LEN);
    if (runId != null && !DagRunsV2Resource.RUN_ID.matcher(runId).matches()) {
      checks.add(
          Violation.of(
              "string_pattern_mismatch",
              RequestChecks.body("dag_run_id"),
              runId,
              "must match "
                  + DagRunsV2Resource.RUN_ID.pattern()
                  + " (letters, digits and _ . ~ : + -)"));
    }
    OffsetDateTime logical = body.dateTime("logical_date");
    OffsetDateTime runAfter = body.dateTime("run_after");
    for (String unsupported : List.of("data_interval_start", "data_interval_end")) {
      if (body.dateTime(unsupported) != null) {
        checks.add(
            Violation.of(
                "value_error",
                RequestChecks.body(unsupported),
                body.string(unsupported, 64),
                "cannot be set: the data interval follows from the Dag's schedule and the logical"
                    + " date"));
      }
    }
    String partition = body.string("partition_key", RequestChecks.ID_LEN);
    if (partition != null) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("partition_key"),
              partition,
              "cannot be set: Atelier's Dags are not partitioned"));
    }
    Map<String, Object> conf = body.object("conf");
    String note = body.string("note", 1000);
    checks.throwIfAny();
    DatasetRow asset = datasets.find(id).orElseThrow(() -> AssetsV2Resource.notFound(id));
    List<String> producers = declared.producingDags(asset.uri());
    if (producers.isEmpty()) {
      throw ApiProblem.notFound(
          "No Dag materializes the asset", "No DAG materializes asset with ID: " + id);
    }
    if (producers.size() > 1) {
      throw ApiProblem.conflict(
          "More than one Dag materializes the asset",
          "More than one DAG materializes asset with ID: " + id + " (" + producers + ")");
    }
    String dagId = producers.get(0);
    if (dags.find(dagId).isEmpty()) {
      throw NotFound.dag(dagId);
    }
    DagRunRow run =
        service.trigger(
            dagId,
            new TriggerRequest(
                runId, logical == null ? null : AirflowDates.iso(logical), null, conf, note),
            "asset_materialization",
            runAfter != null ? runAfter : OffsetDateTime.now(ZoneOffset.UTC));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("asset_id", id);
    detail.put("asset_uri", asset.uri());
    detail.put("conf", run.conf());
    detail.put(
        "logical_date", run.logicalDate() == null ? null : AirflowDates.iso(run.logicalDate()));
    detail.put("run_after", AirflowDates.iso(run.runAfter()));
    audit.record("materialize", AuditTargets.run(dagId, run.runId()), detail);
    return DagRunResponse.of(
        run, versions.ofRun(run.dagId(), run.runId()).map(DagVersionResponse::of).orElse(null));
  }
}
