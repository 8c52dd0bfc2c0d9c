package dev.atelier.ui.rest.airflow;

import dev.atelier.activities.pools.PoolSizes;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.PoolChange;
import dev.atelier.ui.service.PoolView;
import dev.atelier.ui.service.Pools;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/pools}: Airflow's pools. {@code ATELIER_POOLS} names the default ones (a pool is a
 * Temporal workflow, see {@code workflows/README.md}); leads create, resize and delete pools here
 * ({@link Pools}). {@code default_pool} and the built-in {@code atelier_trials} cannot be deleted.
 */
@Path("/api/v1/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsResource {
  /** Airflow's sortable pool attributes; by name unless {@code order_by} says otherwise. */
  private static final Map<String, Comparator<AirflowPool>> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("name", Comparator.comparing(AirflowPool::name));
    ORDER.put("slots", Comparator.comparingInt(AirflowPool::slots));
  }

  private final Pools pools;

  private final AuditLog audit;

  PoolsResource(Pools pools, AuditLog audit) {
    this.pools = pools;
    this.audit = audit;
  }

  /** Airflow 2's POST: name and slots required; 409 when the name is taken. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public AirflowPool create(Map<String, Object> body) {
    PoolBody p = PoolBody.parse(body);
    List<String> missing = new ArrayList<>();
    if (p.name() == null) {
      missing.add("name");
    }
    if (p.slots() == null) {
      missing.add("slots");
    }
    if (!missing.isEmpty()) {
      throw ApiProblem.badRequest(
          "Missing required property: " + String.join(", ", missing) + " (a Pool needs both)");
    }
    PoolView created =
        pools.create(
            p.name(), p.slots(), p.description(), Boolean.TRUE.equals(p.includeDeferred()));
    audit.record("pool_create", AuditTargets.pool(p.name()), Map.of("slots", p.slots()));
    return AirflowPool.of(created);
  }

  /**
   * Airflow 2's PATCH: with {@code update_mask} only the fields it names change; without it the
   * body must hold name and slots. The name must stay the pool's own.
   */
  @PATCH
  @Path("/{pool_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public AirflowPool patch(
      @PathParam("pool_name") String name,
      @QueryParam("update_mask") List<String> updateMask,
      Map<String, Object> body) {
    PoolBody p = PoolBody.parse(body);
    List<String> mask = QueryValues.all(updateMask);
    for (String field : mask) {
      if (!PoolBody.WRITABLE.contains(field)) {
        throw ApiProblem.badRequest(
            "update_mask: '"
                + field
                + "' is not a field that can be updated; use "
                + PoolBody.WRITABLE.stream().sorted().toList());
      }
    }
    if (mask.isEmpty() && (p.name() == null || p.slots() == null)) {
      throw ApiProblem.badRequest(
          "Missing required property: without update_mask the body must hold name and slots");
    }
    if (name.equals(PoolSizes.DEFAULT_POOL) && p.name() != null && !p.name().equals(name)) {
      throw ApiProblem.badRequest("Default Pool's name can't be modified");
    }
    boolean all = mask.isEmpty();
    PoolChange change =
        new PoolChange(
            all || mask.contains("name") ? p.name() : null,
            all || mask.contains("slots") ? p.slots() : null,
            all || mask.contains("description") ? p.description() : null,
            all || mask.contains("include_deferred") ? p.includeDeferred() : null);
    PoolView updated = pools.update(name, change);
    audit.record("pool_update", AuditTargets.pool(name), Map.of("slots", updated.slots()));
    return AirflowPool.of(updated);
  }

  @DELETE
  @Path("/{pool_name}")
  @RolesAllowed("lead")
  public Response delete(@PathParam("pool_name") String name) {
    pools.delete(name);
    audit.record("pool_delete", AuditTargets.pool(name), Map.of());
    return Response.noContent().build();
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowPoolCollection list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy) {
    OrderBy order = OrderBy.parse(orderBy, ORDER.keySet());
    List<AirflowPool> all = pools.all().stream().map(AirflowPool::of).toList();
    if (order != null) {
      Comparator<AirflowPool> by = ORDER.get(order.attribute());
      all =
          all.stream()
              .sorted((order.descending() ? by.reversed() : by).thenComparing(AirflowPool::name))
              .toList();
    }
    int from = Math.min(all.size(), Paging.offset(offset));
    int to = Math.min(all.size(), from + Paging.limit(limit));
    return new AirflowPoolCollection(all.subList(from, to), all.size());
  }

  @GET
  @Path("/{pool_name}")
  @RolesAllowed("viewer")
  public AirflowPool get(@PathParam("pool_name") String name) {
    return pools
        .find(name)
        .map(AirflowPool::of)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Pool not found",
                    "Pool with name:'"
                        + name
                        + "' not found (pools come from ATELIER_POOLS, e.g."
                        + " gpu=2,default_pool=128, and POST /api/v1/pools)"));
  }
}
