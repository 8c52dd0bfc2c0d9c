package dev.atelier.ui.service;

import dev.atelier.ui.repository.AuditRepository;
import dev.atelier.ui.repository.AuditRow;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a state change is written down (who, when, what, on what, from which page or the
 * API). Services call {@link #record(String, String, Map)} after the change took effect; the actor
 * and the source come from the current request: a review page's fetch sends the header {@value
 * #PAGE_HEADER} with its page's name ({@code atelier.js}), anything else is the API. Outside a
 * request (the scheduler, a dataset watcher) the actor is {@code system}.
 */
@ApplicationScoped
public class AuditLog {
  public static final String PAGE_HEADER = "X-Atelier-Page";

  private final AuditRepository rows;
  private final CurrentIdentityAssociation identity;
  private final CurrentVertxRequest request;

  AuditLog(AuditRepository rows, CurrentIdentityAssociation identity, CurrentVertxRequest request) {
    this.rows = rows;
    this.identity = identity;
    this.request = request;
  }

  /**
   * @param action a lower-case verb ({@code trigger}, {@code pause}, {@code promote}, {@code
   *     vote}…)
   * @param target a path naming what changed ({@code dag/<dag_id>/run/<run_id>}, {@code
   *     model/<name>}, {@code user/<name>})
   */
  public AuditRow record(String action, String target, Map<String, Object> detail) {
    String actor = "system";
    String source = "system";
    Map<String, Object> details = new LinkedHashMap<>(detail == null ? Map.of() : detail);
    if (Arc.container().requestContext().isActive()) {
      SecurityIdentity who = identity.getIdentity();
      if (who != null && !who.isAnonymous()) {
        actor = who.getPrincipal().getName();
      }
      RoutingContext current = request.getCurrent();
      if (current != null) {
        String page = current.request().getHeader(PAGE_HEADER);
        source = page == null || page.isBlank() ? "api" : "page";
        if (source.equals("page")) {
          details.put("page", page.strip());
        }
      }
    }
    return rows.insert(new AuditRow(0, null, actor, action, target, source, details));
  }

  /** Newest first; null filters match everything ({@link AuditRepository#list}). */
  public List<AuditRow> list(String actor, String action, String targetPrefix, int limit) {
    return rows.list(actor, action, targetPrefix, limit);
  }
}
