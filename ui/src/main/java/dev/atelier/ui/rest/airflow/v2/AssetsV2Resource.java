package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.AssetAliasRepository;
import dev.atelier.ui.repository.AssetAliasRow;
import dev.atelier.ui.repository.AssetFilter;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetRow;
import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.ui.repository.DatasetSourceRow;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.repository.QueuedAssetEvent;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AssetDeclarations;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/assets}: Airflow 3's assets over the {@code dataset} table (an asset is a dataset,
 * its id the dataset's id), listed with Airflow 3's filters and read one by one, and the events
 * queued for the Dags scheduled on one. An asset is <em>active</em> while a Dag of this build
 * declares it (schedules on it or produces it); {@code only_active}, true unless given, lists those
 * only, as Airflow 3 does. Events: {@link AssetEventsV2Resource}; materialize: {@link
 * AssetMaterializeV2Resource}; aliases: {@link AssetAliasesV2Resource}.
 */
@Path("/api/v2/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetsV2Resource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "id");
    ORDER.put("name", "uri");
    ORDER.put("uri", "uri");
    ORDER.put("created_at", "created_at");
    ORDER.put("updated_at", "updated_at");
  }

  private final DatasetRepository datasets;
  private final DatasetTriggerRepository triggers;
  private final DatasetSourceRepository sources;
  private final AssetDeclarations declared;
  private final AuditLog audit;
  private final AssetAliasRepository aliases;

  AssetsV2Resource(
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetSourceRepository sources,
      AssetDeclarations declared,
      AuditLog audit,
      AssetAliasRepository aliases) {
    this.datasets = datasets;
    this.triggers = triggers;
    this.sources = sources;
    this.declared = declared;
    this.audit = audit;
    this.aliases = aliases;
  }

  /**
   * Ordering by {@code name} orders by URI (names are not stored; an undeclared asset's name is its
   * URI).
   */
  @GET
  @RolesAllowed("viewer")
  public AssetCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("name_pattern") String namePattern,
      @QueryParam("name_prefix_pattern") String namePrefix,
      @QueryParam("uri_pattern") String uriPattern,
      @QueryParam("uri_prefix_pattern") String uriPrefix,
      @QueryParam("dag_ids") List<String> dagIds,
      @QueryParam("only_active") String onlyActive,
      @QueryParam("order_by") List<String> orderBy) {
    RequestChecks checks = new RequestChecks();
    int lim = checks.limit(limit);
    int off = checks.offset(offset);
    checks.text(RequestChecks.query("name_pattern"), namePattern, 1500);
    checks.text(RequestChecks.query("name_prefix_pattern"), namePrefix, 1500);
    checks.text(RequestChecks.query("uri_pattern"), uriPattern, 3000);
    checks.text(RequestChecks.query("uri_prefix_pattern"), uriPrefix, 3000);
    for (String dagId : dagIds == null ? List.<String>of() : dagIds) {
      checks.text(RequestChecks.query("dag_ids"), dagId, RequestChecks.ID_LEN);
    }
    Boolean active = checks.bool(RequestChecks.query("only_active"), onlyActive);
    String order = checks.orderBy(orderBy, ORDER, "id", "id");
    checks.throwIfAny();
    Set<String> only = null;
    if (active == null || active) {
      only = new LinkedHashSet<>(declared.declaredUris());
    }
    List<String> dags =
        dagIds == null ? List.of() : dagIds.stream().filter(d -> !d.isEmpty()).toList();
    if (!dags.isEmpty()) {
      Set<String> ofDags = declared.urisOfDags(dags);
      if (only != null) {
        ofDags.retainAll(only);
      }
      only = ofDags;
    }
    AssetFilter filter =
        new AssetFilter(
            uriPattern,
            uriPrefix,
            declared.declaredUris(),
            namePattern,
            namePattern == null ? Set.of() : declared.urisNamedLike(namePattern),
            namePrefix,
            namePrefix == null ? Set.of() : declared.urisNamedFrom(namePrefix),
            only);
    List<DatasetRow> rows = datasets.list(filter, new Page(lim, off, order));
    Map<Long, DatasetEventRow> last =
        datasets.lastEvents(rows.stream().map(DatasetRow::id).toList());
    List<DatasetSourceRow> all = sources.list();
    Map<Long, List<AssetAliasRow>> aliasesOf =
        aliases.ofDatasets(rows.stream().map(DatasetRow::id).toList());
    return new AssetCollectionResponse(
        rows.stream()
            .map(
                r ->
                    AssetResponse.of(
                        r,
                        declared,
                        last.get(r.id()),
                        watchers(all, r.uri()),
                        aliasesOf.getOrDefault(r.id(), List.of())))
            .toList(),
        datasets.count(filter));
  }

  @GET
  @Path("/{asset_id}")
  @RolesAllowed("viewer")
  public AssetResponse get(@PathParam("asset_id") String assetId) {
    DatasetRow row = require(assetId);
    DatasetEventRow last = datasets.lastEvents(List.of(row.id())).get(row.id());
    return AssetResponse.of(
        row,
        declared,
        last,
        watchers(sources.list(), row.uri()),
        aliases.ofDatasets(List.of(row.id())).getOrDefault(row.id(), List.of()));
  }

  /** The Dags with events of this asset queued (not consumed by a run yet). */
  @GET
  @Path("/{asset_id}/queuedEvents")
  @RolesAllowed("viewer")
  public QueuedEventCollectionResponse queuedEvents(
      @PathParam("asset_id") String assetId, @QueryParam("before") String before) {
    RequestChecks checks = new RequestChecks();
    long id = assetId(checks, assetId);
    OffsetDateTime until = checks.dateTime(RequestChecks.query("before"), before);
    checks.throwIfAny();
    List<QueuedAssetEvent> queued = triggers.queued(null, id, until);
    if (queued.isEmpty()) {
      throw notQueued(id);
    }
    return new QueuedEventCollectionResponse(
        queued.stream().map(QueuedEventResponse::of).toList(), queued.size());
  }

  /**
   * Drops the asset's queued events for every Dag: they stay recorded but never trigger a run. 404
   * when none is queued, as in Airflow 3.
   */
  @DELETE
  @Path("/{asset_id}/queuedEvents")
  @RolesAllowed("member")
  public Response dropQueuedEvents(
      @PathParam("asset_id") String assetId, @QueryParam("before") String before) {
    RequestChecks checks = new RequestChecks();
    long id = assetId(checks, assetId);
    OffsetDateTime until = checks.dateTime(RequestChecks.query("before"), before);
    checks.throwIfAny();
    DatasetRow row = datasets.find(id).orElseThrow(() -> notQueued(id));
    int dropped = triggers.dropQueued(null, id, until);
    if (dropped == 0) {
      throw notQueued(id);
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("asset_id", id);
    detail.put("dags", dropped);
    if (until != null) {
      detail.put("before", until.toString());
    }
    audit.record("drop-queued-events", AuditTargets.dataset(row.uri()), detail);
    return Response.noContent().build();
  }

  private DatasetRow require(String assetId) {
    RequestChecks checks = new RequestChecks();
    long id = assetId(checks, assetId);
    checks.throwIfAny();
    return datasets.find(id).orElseThrow(() -> notFound(id));
  }

  /** An asset id from the path: an integer (422 otherwise); 0 for one that cannot exist. */
  static long assetId(RequestChecks checks, String raw) {
    Integer id = checks.integer(RequestChecks.path("asset_id"), raw, null);
    return id == null ? 0 : id;
  }

  static ApiProblem notFound(long id) {
    return ApiProblem.notFound("Asset not found", "The Asset with ID: `" + id + "` was not found");
  }

  private static ApiProblem notQueued(long id) {
    return ApiProblem.notFound(
        "Queued event not found", "Queue event with asset_id: `" + id + "` was not found");
  }

  private static List<DatasetSourceRow> watchers(List<DatasetSourceRow> all, String uri) {
    return all.stream().filter(s -> uri.equals(s.datasetUri())).toList();
  }
}
