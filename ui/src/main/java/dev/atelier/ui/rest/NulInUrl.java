package dev.atelier.ui.rest;

import dev.atelier.ui.service.InputRules;
import dev.atelier.ui.service.InvalidValue;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character ({@code %00}) in any path or query parameter of any endpoint, before the
 * endpoint runs: PostgreSQL cannot take NUL even in a lookup, so it would otherwise end in a 500.
 * The answer is an {@link InvalidValue} naming the parameter; bodies are checked by {@link
 * NulInJsonBody}.
 */
public class NulInUrl {

  @ServerRequestFilter
  public void refuseNul(UriInfo uri) {
    check("path", uri.getPathParameters());
    check("query", uri.getQueryParameters());
  }

  private static void check(String in, MultivaluedMap<String, String> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      for (String value : parameter.getValue()) {
        InputRules.text(in, parameter.getKey(), value);
      }
    }
  }
}
