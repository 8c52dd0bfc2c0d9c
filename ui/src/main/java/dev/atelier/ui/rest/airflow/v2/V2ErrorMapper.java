package dev.atelier.ui.rest.airflow.v2;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * FastAPI's validation answer for {@code /api/v2}: 422 with {@code {"detail": [...]}}. Other
 * failures (404, 409, 403, ...) keep the app's problem body, whose {@code detail} string is what
 * Airflow 3's {@code HTTPExceptionResponse} holds.
 */
public class V2ErrorMapper {
  @ServerExceptionMapper
  public Response unprocessable(Unprocessable e) {
    return Response.status(422)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.<String, List<Violation>>of("detail", e.violations()))
        .build();
  }
}
