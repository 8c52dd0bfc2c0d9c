package dev.atelier.ui.security;

import dev.atelier.ui.repository.UserRepository;
import dev.atelier.ui.repository.UserRepository.StoredUser;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place a user name and password are judged, whichever mechanism brought them (basic auth,
 * the sign-in form, {@code POST /auth/token}). It runs before the JDBC security realm (higher
 * priority) and adds what the realm lacks: the {@link SignInThrottle} check, a bcrypt check against
 * a dummy hash for unknown names (so they answer as slowly as a wrong password), and {@link
 * VerifiedCredentials} so a repeated basic-auth credential skips bcrypt. The password itself is
 * still verified by the realm (quarkus-elytron-security-jdbc over the users table).
 */
@ApplicationScoped
public class PasswordCheck implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
  private final UserRepository users;
  private final SignInThrottle throttle;
  private final VerifiedCredentials verified;
  private final ElytronPasswordIdentityProvider realm;

  /** Same cost as every stored hash (BcryptUtil's default), so an unknown name costs the same. */
  private final String dummyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString());

  PasswordCheck(
      UserRepository users,
      SignInThrottle throttle,
      VerifiedCredentials verified,
      ElytronPasswordIdentityProvider realm) {
    this.users = users;
    this.throttle = throttle;
    this.verified = verified;
    this.realm = realm;
  }

  @Override
  public int priority() {
    // Quarkus's default (the realm's) is 1001; higher runs first.
    return 2000;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    String username = request.getUsername();
    String password = new String(request.getPassword().getPassword());
    String address = clientAddress(request);
    // The stored hash the realm is about to check against, remembered when the check passes.
    var known = new java.util.concurrent.atomic.AtomicReference<StoredUser>();
    // JDBC and bcrypt block: off the event loop.
    return context
        .runBlocking(
            () -> {
              Known k = beforeTheRealm(request, username, password, address);
              known.set(k.user());
              return k.cached();
            })
        .flatMap(
            cached ->
                cached != null
                    ? Uni.createFrom().item(cached)
                    : realm
                        .authenticate(request, context)
                        .onItem()
                        .invoke(
                            identity ->
                                verified.remember(username, password, known.get().passwordHash()))
                        .onFailure(AuthenticationFailedException.class)
                        .invoke(() -> throttle.recordFailure(username, address)));
  }

  /** A known user, and their identity when the credential is remembered. */
  private record Known(StoredUser user, SecurityIdentity cached) {}

  private Known beforeTheRealm(
      UsernamePasswordAuthenticationRequest request,
      String username,
      String password,
      String address) {
    throttle.check(username, address);
    Optional<StoredUser> stored = users.find(username);
    if (stored.isEmpty()) {
      BcryptUtil.matches(password, dummyHash);
      throttle.recordFailure(username, address);
      throw new AuthenticationFailedException();
    }
    StoredUser user = stored.get();
    if (!verified.verified(username, password, user.passwordHash())) {
      return new Known(user, null);
    }
    return new Known(
        user,
        QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(user.username()))
            .addRole(user.role())
            .addCredential(request.getPassword())
            .build());
  }

  private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
    RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (http == null || http.request().remoteAddress() == null) {
      return "unknown";
    }
    return http.request().remoteAddress().hostAddress();
  }
}
