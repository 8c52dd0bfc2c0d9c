package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.security.RoleHierarchy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code GET /api/atelier/me}: the signed-in user and their role, so a page can disable what that
 * role may not do and say why (the server still refuses it: this only spares a useless click).
 */
@Path("/api/atelier/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  /**
   * @param role the highest role held
   * @param roles every role held (the stored one and those below it), lowest first
   * @param ranks all roles, lowest first, so a page can compare without its own list
   */
  public record Me(String username, String role, List<String> roles, List<String> ranks) {}

  @GET
  @RolesAllowed("viewer")
  public Me me(@Context SecurityContext security) {
    List<String> held = RoleHierarchy.RANKS.stream().filter(security::isUserInRole).toList();
    return new Me(
        security.getUserPrincipal().getName(),
        held.isEmpty() ? null : held.get(held.size() - 1),
        held,
        RoleHierarchy.RANKS);
  }
}
