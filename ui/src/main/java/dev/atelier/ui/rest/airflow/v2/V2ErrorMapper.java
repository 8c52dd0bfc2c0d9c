package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.rest.ErrorMappers;
import dev.atelier.ui.service.InvalidValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * FastAPI's validation answer for {@code /api/v2}: 422 with {@code {"detail": [...]}}. Other
 * failures (404, 409, 403, ...) keep the app's problem body, whose {@code detail} string is what
 * Airflow 3's {@code HTTPExceptionResponse} holds. A value refused by a check shared with v1 (an
 * {@link InvalidValue}: a NUL character in any parameter or body, a run id, a date out of range) is
 * a 422 under {@code /api/v2} too, and v1's 400 everywhere else.
 */
public class V2ErrorMapper {
  @ServerExceptionMapper
  public Response invalidValue(InvalidValue e, UriInfo uri) {
    if (!uri.getPath().startsWith("/api/v2")) {
      return new ErrorMappers().problem(e);
    }
    return unprocessable(
        new Unprocessable(
            List.of(Violation.of("value_error", List.of(e.in(), e.field()), e.value(), e.rule()))));
  }

  @ServerExceptionMapper
  public Response unprocessable(Unprocessable e) {
    return Response.status(422)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.<String, List<Violation>>of("detail", e.violations()))
        .build();
  }
}
