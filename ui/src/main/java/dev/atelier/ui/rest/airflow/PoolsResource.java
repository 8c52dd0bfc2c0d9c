package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.Pools;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/pools}: Airflow's pools, read-only. Sizes come from {@code ATELIER_POOLS} (a pool
 * is a Temporal workflow, see {@code workflows/README.md}), so creating, editing or deleting a pool
 * through the API is not offered.
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

  PoolsResource(Pools pools) {
    this.pools = pools;
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
                        + "' not found (pools are configured with ATELIER_POOLS, e.g."
                        + " gpu=2,default_pool=128)"));
  }
}
