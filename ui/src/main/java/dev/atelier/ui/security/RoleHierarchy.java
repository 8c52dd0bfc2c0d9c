package dev.atelier.ui.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Atelier's roles are ranked (DESIGN.md: viewer < member < lead < admin): a user holds their stored
 * role and every role below it, so an endpoint names the least role it needs
 * ({@code @RolesAllowed("lead")}) and admins pass too. The one place the ranking lives.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {
  /** Lowest first. */
  public static final List<String> RANKS = List.of("viewer", "member", "lead", "admin");

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    Set<String> implied = implied(identity.getRoles());
    if (identity.getRoles().containsAll(implied)) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom()
        .item(QuarkusSecurityIdentity.builder(identity).addRoles(implied).build());
  }

  /** The roles a user with {@code roles} holds: each of them and every rank below it. */
  static Set<String> implied(Set<String> roles) {
    int top = -1;
    for (String role : roles) {
      top = Math.max(top, RANKS.indexOf(role));
    }
    return Set.copyOf(RANKS.subList(0, top + 1));
  }
}
