package dev.atelier.ui.security;

import dev.atelier.ui.rest.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CSRF rule, for every state-changing request (POST, PUT, PATCH, DELETE) whatever signed it in:
 * a browser keeps sending the session cookie (or basic credentials it was once given) on requests
 * that another site's page starts, so the app refuses what such a page can send without the user's
 * consent. (1) When the browser says where the request comes from (Origin, Sec-Fetch-Site), it must
 * be this origin; (2) POST, PUT and PATCH must carry a JSON Content-Type, which a cross-site form
 * cannot send and a cross-site fetch cannot send without a CORS preflight the app never approves (a
 * PUT with no Content-Type at all passes: no form can send a PUT). Non-browser clients (Airflow's)
 * send JSON and no Origin, so they pass. The sign-in form and {@code /auth/token} take form posts,
 * so only (1) applies to them. Runs before authentication, so a refused request is not even signed
 * in.
 */
@ApplicationScoped
public class SameOriginRule {
  static final Set<HttpMethod> STATE_CHANGING =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  static final Set<String> FORM_POSTS_ALLOWED = Set.of("/j_security_check", "/auth/token");

  /** A refusal: its status and the message that names the rule. */
  record Refusal(int status, String title, String detail) {}

  void install(@Observes Router router) {
    // Quarkus authenticates at order -200 (CORS at -300): in between.
    router.route().order(-250).handler(this::handle);
  }

  private void handle(RoutingContext context) {
    var request = context.request();
    Optional<Refusal> refusal =
        judge(
            request.method(),
            context.normalizedPath(),
            request.scheme() + "://" + request.authority(),
            request.getHeader("Origin"),
            request.getHeader("Sec-Fetch-Site"),
            request.getHeader("Content-Type"));
    if (refusal.isEmpty()) {
      context.next();
      return;
    }
    Refusal r = refusal.get();
    context
        .response()
        .setStatusCode(r.status())
        .putHeader("Content-Type", "application/json")
        .end(Json.encode(ApiError.of(r.status(), r.title(), r.detail())));
  }

  /** The rule itself, on plain values. */
  static Optional<Refusal> judge(
      HttpMethod method,
      String path,
      String ownOrigin,
      String origin,
      String fetchSite,
      String contentType) {
    if (!STATE_CHANGING.contains(method)) {
      return Optional.empty();
    }
    String what = method.name() + " " + path;
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      return Optional.of(
          new Refusal(
              403,
              "Forbidden",
              what
                  + ": Sec-Fetch-Site '"
                  + fetchSite
                  + "' is refused; a state-changing request must come from this site's own pages"
                  + " (same-origin rule against cross-site request forgery)"));
    }
    if (origin != null && !origin.equalsIgnoreCase(ownOrigin)) {
      return Optional.of(
          new Refusal(
              403,
              "Forbidden",
              what
                  + ": Origin '"
                  + origin
                  + "' is not "
                  + ownOrigin
                  + "; a state-changing request must come from this site's own pages"
                  + " (same-origin rule against cross-site request forgery)"));
    }
    // A PUT without a body (Airflow 3's backfill pause, unpause and cancel) sends no Content-Type;
    // no
    // form can send a PUT, and a cross-site fetch of one needs a preflight the app never approves.
    boolean bodilessPut = method == HttpMethod.PUT && contentType == null;
    if (method != HttpMethod.DELETE
        && !bodilessPut
        && !FORM_POSTS_ALLOWED.contains(path)
        && !isJson(contentType)) {
      return Optional.of(
          new Refusal(
              415,
              "Unsupported Media Type",
              what
                  + ": Content-Type '"
                  + (contentType == null ? "" : contentType)
                  + "' is refused; a state-changing request must send Content-Type:"
                  + " application/json (rule against cross-site request forgery)"));
    }
    return Optional.empty();
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
