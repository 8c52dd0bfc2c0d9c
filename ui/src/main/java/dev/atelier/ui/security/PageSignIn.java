package dev.atelier.ui.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides how the app asks for credentials; it never signs anyone in itself. Three mechanisms sign
 * in (the form session cookie, bearer tokens, basic auth), and Quarkus asks the highest-priority
 * one that answers to challenge. This one answers first for: a page (sent to the sign-in page, and
 * back to where it was after, through the form mechanism's location cookie), and a call from the
 * app's own pages (header {@code X-Atelier-Page}: a bare 401, so that the browser shows no basic
 * prompt and atelier.js goes to the sign-in page). Everything else (API clients) is asked for basic
 * auth ({@code WWW-Authenticate: Basic realm="Atelier"}), which Airflow 2 clients expect.
 */
@ApplicationScoped
public class PageSignIn implements HttpAuthenticationMechanism {
  static final String LOGIN_PAGE = "/ui/login.html";

  /** quarkus.http.auth.form.location-cookie's default. */
  static final String LOCATION_COOKIE = "quarkus-redirect-location";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    String path = context.normalizedPath();
    if (context.request().getHeader("X-Atelier-Page") != null) {
      return Uni.createFrom().item(new ChallengeData(401));
    }
    boolean page = path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
    if (page && context.request().method() == HttpMethod.GET) {
      context
          .response()
          .addCookie(
              Cookie.cookie(LOCATION_COOKIE, context.request().absoluteURI())
                  .setPath("/")
                  .setHttpOnly(true)
                  .setSameSite(io.vertx.core.http.CookieSameSite.STRICT));
      String login =
          context.request().scheme() + "://" + context.request().authority() + LOGIN_PAGE;
      return Uni.createFrom().item(new ChallengeData(302, "Location", login));
    }
    // Said here because bearer auth would otherwise answer first; Airflow 2 clients expect Basic.
    return Uni.createFrom()
        .item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"Atelier\""));
  }

  @Override
  public int getPriority() {
    return 3000;
  }
}
