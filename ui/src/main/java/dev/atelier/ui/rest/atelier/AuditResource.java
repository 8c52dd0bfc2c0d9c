package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.AuditRow;
import dev.atelier.ui.service.AuditFilter;
import dev.atelier.ui.service.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/atelier/audit}: every state change, newest first, filtered by actor, action and
 * target prefix. Any signed-in user may read it: who changed what is no secret inside a studio.
 */
@Path("/api/atelier/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private final AuditLog audit;

  AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @RolesAllowed("viewer")
  public List<AuditRow> list(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("limit") String limit) {
    AuditFilter f = AuditFilter.of(actor, action, target, limit);
    return audit.list(f.actor(), f.action(), f.target(), f.limit());
  }
}
