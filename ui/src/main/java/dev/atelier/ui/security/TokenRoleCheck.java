package dev.atelier.ui.security;

import dev.atelier.ui.repository.UserRepository;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A bearer token names its user's role as it was when the token was signed; this reads the role
 * again from the users table at each request, so a demoted (or deleted) user loses their rights at
 * once instead of when the token expires. One indexed query, no bcrypt. (The form session needs no
 * such step: the JDBC realm loads its identity from the table at each request.)
 */
@ApplicationScoped
public class TokenRoleCheck implements SecurityIdentityAugmentor {
  private final UserRepository users;

  TokenRoleCheck(UserRepository users) {
    this.users = users;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
      return Uni.createFrom().item(identity);
    }
    return context.runBlocking(() -> withCurrentRole(identity));
  }

  private SecurityIdentity withCurrentRole(SecurityIdentity identity) {
    String name = identity.getPrincipal().getName();
    String role =
        users
            .find(name)
            .orElseThrow(() -> new AuthenticationFailedException("no user " + name + " any more"))
            .role();
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(identity.getPrincipal())
        .addCredentials(identity.getCredentials())
        .addAttributes(identity.getAttributes())
        // Built afresh: the token's own groups may hold a role the user no longer has.
        .addRoles(RoleHierarchy.implied(Set.of(role)))
        .build();
  }
}
