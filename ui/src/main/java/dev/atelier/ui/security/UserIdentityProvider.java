package dev.atelier.ui.security;

import dev.atelier.ui.repository.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a basic-auth user name and password against the bcrypt hashes in {@code users}. */
@ApplicationScoped
public class UserIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
  private final UserRepository users;

  UserIdentityProvider(UserRepository users) {
    this.users = users;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    // JDBC and bcrypt both block; they must stay off the event loop.
    return context.runBlocking(() -> verify(request));
  }

  private SecurityIdentity verify(UsernamePasswordAuthenticationRequest request) {
    String password = new String(request.getPassword().getPassword());
    return users
        .find(request.getUsername())
        .filter(user -> BcryptUtil.matches(password, user.passwordHash()))
        .map(
            user ->
                (SecurityIdentity)
                    QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.username()))
                        .addRole(user.role())
                        .addCredential(request.getPassword())
                        .build())
        .orElseThrow(AuthenticationFailedException::new);
  }
}
