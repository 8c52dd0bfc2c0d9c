package dev.atelier.ui.rest.airflow.v2;

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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/pools}: Airflow 3's pools over {@link Pools} ({@code ATELIER_POOLS} as the
 * defaults, the API's edits stored in PostgreSQL). Reading is for viewers; creating, editing and
 * deleting for leads. {@code default_pool} and {@code atelier_trials} cannot be deleted, pools are
 * not renamed, and teams are not supported ({@code team_name} must be null).
 */
@Path("/api/v2/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsV2Resource {
  /** Airflow's longest pool name. */
  static final int NAME_LEN = 256;

  private static final Set<String> POST_FIELDS =
      Set.of("name", "slots", "description", "include_deferred", "team_name");
  private static final Set<String> PATCH_FIELDS =
      Set.of("pool", "name", "slots", "description", "include_deferred", "team_name");
  private static final List<String> MASKABLE =
      List.of("pool", "name", "slots", "description", "include_deferred");
  private static final List<String> ORDER = List.of("id", "pool", "name");

  private final Pools pools;
  private final AuditLog audit;

  PoolsV2Resource(Pools pools, AuditLog audit) {
    this.pools = pools;
    this.audit = audit;
  }

  /**
   * {@code pool_name_pattern} is SQL LIKE ({@code %}, {@code _}), case-sensitive as Airflow's;
   * {@code order_by} takes {@code id} (creation order: the defaults first), {@code name} or {@code
   * pool}, each with a leading {@code -} for descending.
   */
  @GET
  @RolesAllowed("viewer")
  public PoolCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("pool_name_pattern") String pattern,
      @QueryParam("pool_name_prefix_pattern") String prefix) {
    RequestChecks checks = new RequestChecks();
    int lim = checks.limit(limit);
    int off = checks.offset(offset);
    String like = checks.text(RequestChecks.query("pool_name_pattern"), pattern, NAME_LEN);
    String starts = checks.text(RequestChecks.query("pool_name_prefix_pattern"), prefix, NAME_LEN);
    Comparator<PoolView> order = null;
    boolean reverse = false;
    for (String o : orderBy == null ? List.<String>of() : orderBy) {
      if (o.isEmpty()) {
        continue;
      }
      boolean desc = o.startsWith("-");
      String key = desc ? o.substring(1) : o;
      if (!ORDER.contains(key)) {
        checks.add(
            new Violation(
                "value_error",
                RequestChecks.query("order_by"),
                "order_by: '"
                    + o.replace("\0", "\\u0000")
                    + "' is not an attribute this list can be ordered by; use one of "
                    + ORDER
                    + ", with a leading '-' for descending",
                o.replace("\0", "\\u0000"),
                Map.of("allowed", ORDER)));
        continue;
      }
      // id: the pools' own order (the defaults first, then the API's by name).
      Comparator<PoolView> by =
          key.equals("id") ? (x, y) -> 0 : Comparator.comparing(PoolView::name);
      order = desc ? by.reversed() : by;
      if (key.equals("id") && desc) {
        order = null;
        reverse = true;
      }
    }
    checks.throwIfAny();
    List<PoolView> all =
        new ArrayList<>(
            pools.all().stream()
                .filter(p -> like == null || like.isEmpty() || like(p.name(), like))
                .filter(p -> starts == null || starts.isEmpty() || like(p.name(), starts))
                .toList());
    if (order != null) {
      all.sort(order);
    }
    if (reverse) {
      Collections.reverse(all);
    }
    int from = Math.min(all.size(), off);
    int to = Math.min(all.size(), from + lim);
    return new PoolCollectionResponse(
        all.subList(from, to).stream().map(PoolResponse::of).toList(), all.size());
  }

  /** SQL LIKE: {@code %} any run of characters, {@code _} one character, the rest literal. */
  static boolean like(String value, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches(regex.toString());
  }

  @GET
  @Path("/{pool_name}")
  @RolesAllowed("viewer")
  public PoolResponse get(@PathParam("pool_name") String name) {
    String pool = name(name);
    return pools.find(pool).map(PoolResponse::of).orElseThrow(() -> Pools.notFound(pool));
  }

  /** Airflow 3's POST: 201 with the pool; 409 when the name is taken. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public Response create(String text) {
    RequestChecks checks = new RequestChecks();
    JsonBody body = JsonBody.parse(text, POST_FIELDS, checks);
    String name = body.string("name", NAME_LEN);
    Integer slots = body.integer("slots", -1);
    String description = body.string("description", 10_000);
    Boolean deferred = body.bool("include_deferred");
    noTeam(body, checks);
    for (String required : List.of("name", "slots")) {
      if (!body.has(required) || body.isNull(required)) {
        checks.add(Violation.missing(RequestChecks.body(required)));
      }
    }
    if (name != null && name.isBlank() && body.has("name")) {
      checks.add(
          Violation.of("string_too_short", RequestChecks.body("name"), name, "must not be empty"));
    }
    checks.throwIfAny();
    PoolView created = pools.create(name, slots, description, Boolean.TRUE.equals(deferred));
    audit.record("pool_create", AuditTargets.pool(name), Map.of("slots", slots));
    return Response.status(201).entity(PoolResponse.of(created)).build();
  }

  /**
   * Airflow 3's PATCH: with {@code update_mask} only the fields it names change, otherwise those
   * the body has. {@code default_pool} takes only {@code slots} and {@code include_deferred}.
   */
  @PATCH
  @Path("/{pool_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public PoolResponse patch(
      @PathParam("pool_name") String name,
      @QueryParam("update_mask") List<String> updateMask,
      String text) {
    String pool = name(name);
    RequestChecks checks = new RequestChecks();
    List<String> mask = updateMask == null ? List.of() : updateMask;
    for (String field : mask) {
      if (!MASKABLE.contains(field)) {
        checks.add(
            Violation.of(
                "value_error",
                RequestChecks.query("update_mask"),
                field,
                "is not a field of a pool that can be updated; use " + MASKABLE));
      }
    }
    JsonBody body = JsonBody.parse(text, PATCH_FIELDS, checks);
    String rename =
        body.has("pool") ? body.string("pool", NAME_LEN) : body.string("name", NAME_LEN);
    Integer slots = body.integer("slots", -1);
    String description = body.string("description", 10_000);
    Boolean deferred = body.bool("include_deferred");
    noTeam(body, checks);
    if (body.isNull("slots")) {
      checks.add(
          Violation.of("int_type", RequestChecks.body("slots"), null, "is not a valid integer"));
    }
    checks.throwIfAny();
    boolean all = mask.isEmpty();
    boolean renames = (all || mask.contains("pool") || mask.contains("name")) && rename != null;
    boolean describes = (all || mask.contains("description")) && description != null;
    if (pool.equals(PoolSizes.DEFAULT_POOL) && ((renames && !rename.equals(pool)) || describes)) {
      throw ApiProblem.badRequest(
          "Only slots and included_deferred can be modified on Default Pool");
    }
    PoolView updated =
        pools.update(
            pool,
            new PoolChange(
                renames ? rename : null,
                all || mask.contains("slots") ? slots : null,
                describes ? description : null,
                all || mask.contains("include_deferred") ? deferred : null));
    audit.record("pool_update", AuditTargets.pool(pool), Map.of("slots", updated.slots()));
    return PoolResponse.of(updated);
  }

  @DELETE
  @Path("/{pool_name}")
  @RolesAllowed("lead")
  public Response delete(@PathParam("pool_name") String name) {
    String pool = name(name);
    pools.delete(pool);
    audit.record("pool_delete", AuditTargets.pool(pool), Map.of());
    return Response.noContent().build();
  }

  private static void noTeam(JsonBody body, RequestChecks checks) {
    String team = body.string("team_name", 50);
    if (team != null) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("team_name"),
              team,
              "must be null; Atelier has no teams (multi-team pools are not supported)"));
    }
  }

  private static String name(String raw) {
    RequestChecks checks = new RequestChecks();
    String name = checks.text(RequestChecks.path("pool_name"), raw, NAME_LEN);
    checks.throwIfAny();
    return name;
  }
}
