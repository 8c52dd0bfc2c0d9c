package dev.atelier.ui.security;

import dev.atelier.ui.rest.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Signing in without the form: {@code POST /auth/token} trades a user name and password (JSON, or a
 * form as Airflow 3's clients send it) for a bearer token, checked once here and never again while
 * the token lives. Also who is signed in, signing out of the form session, and the sign-in page's
 * hint.
 */
@Path("/auth")
public class AuthResource {
  /** The body of {@code POST /auth/token}. */
  public record TokenRequest(String username, String password) {}

  /** Airflow 3's token answer, plus the OAuth-style type and lifetime. */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

  public record Me(String username, String role) {}

  public record SignInHint(boolean demo, String demoCredentials) {}

  @jakarta.inject.Inject SecurityIdentity identity;

  private final IdentityProviderManager identities;
  private final TokenKeys keys;
  private final AuthConfig config;

  AuthResource(IdentityProviderManager identities, TokenKeys keys, AuthConfig config) {
    this.identities = identities;
    this.keys = keys;
    this.config = config;
  }

  @POST
  @Path("/token")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> token(TokenRequest body, RoutingContext http) {
    return issue(
        body == null ? null : body.username(), body == null ? null : body.password(), http);
  }

  @POST
  @Path("/token")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> tokenFromForm(
      @FormParam("username") String username,
      @FormParam("password") String password,
      RoutingContext http) {
    return issue(username, password, http);
  }

  private Uni<Response> issue(String username, String password, RoutingContext http) {
    List<String> missing = new ArrayList<>();
    if (username == null || username.isBlank()) {
      missing.add("username: missing; the user name to sign in as is required");
    }
    if (password == null || password.isEmpty()) {
      missing.add("password: missing; the user's password is required");
    }
    if (!missing.isEmpty()) {
      return Uni.createFrom()
          .item(json(400, ApiError.of(400, "Bad Request", String.join("; ", missing))));
    }
    var request =
        new UsernamePasswordAuthenticationRequest(
            username, new PasswordCredential(password.toCharArray()));
    return identities
        .authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, http))
        .map(
            identity ->
                Response.status(201)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(
                        new TokenResponse(
                            keys.sign(identity.getPrincipal().getName(), topRole(identity)),
                            "bearer",
                            keys.lifetimeSeconds()))
                    .build());
  }

  /** The stored role: the highest of the ranks the identity holds. */
  static String topRole(SecurityIdentity identity) {
    String top = null;
    for (String rank : RoleHierarchy.RANKS) {
      if (identity.hasRole(rank)) {
        top = rank;
      }
    }
    if (top == null) {
      throw new AuthenticationFailedException("user has no known role");
    }
    return top;
  }

  @GET
  @Path("/me")
  @RolesAllowed("viewer")
  @Produces(MediaType.APPLICATION_JSON)
  public Me me() {
    return new Me(identity.getPrincipal().getName(), topRole(identity));
  }

  /** Ends the form session (its cookie); a token or basic credential has nothing to end. */
  @POST
  @Path("/logout")
  @PermitAll
  public Response logout(RoutingContext http) {
    FormAuthenticationMechanism.logout(http);
    return Response.noContent().build();
  }

  /** What the sign-in page may say before anyone signs in: in demo mode, the demo's account. */
  @GET
  @Path("/hint")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  public SignInHint hint() {
    return config.demo()
        ? new SignInHint(true, AdminPasswordRule.ADMIN + "/" + AdminPasswordRule.DEMO_PASSWORD)
        : new SignInHint(false, null);
  }

  @ServerExceptionMapper
  public Response wrongCredentials(AuthenticationFailedException e) {
    return json(401, ApiError.of(401, "Unauthorized", "user name or password is wrong"));
  }

  @ServerExceptionMapper
  public Response throttled(SignInThrottledException e) {
    return Response.status(429)
        .header("Retry-After", e.retryAfterSeconds())
        .type(MediaType.APPLICATION_JSON)
        .entity(ApiError.of(429, "Too Many Requests", e.getMessage()))
        .build();
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
