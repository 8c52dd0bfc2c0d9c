package dev.atelier.ui.security;

import dev.atelier.ui.rest.ApiError;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a throttled sign-in ({@link SignInThrottledException}) with 429 and Retry-After. Basic
 * auth and the sign-in form fail inside Quarkus's authentication handler, which passes any failure
 * that is not an authentication failure on to the router's failure handlers: this is the first.
 */
@ApplicationScoped
public class ThrottledAnswer {
  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
  }

  private void handle(RoutingContext context) {
    SignInThrottledException throttled = find(context.failure());
    if (throttled == null || context.response().ended()) {
      context.next();
      return;
    }
    context
        .response()
        .setStatusCode(429)
        .putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()))
        .putHeader("Content-Type", "application/json")
        .end(Json.encode(ApiError.of(429, "Too Many Requests", throttled.getMessage())));
  }

  static SignInThrottledException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SignInThrottledException throttled) {
        return throttled;
      }
    }
    return null;
  }
}
