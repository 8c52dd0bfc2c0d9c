package dev.atelier.ui.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.atelier.ui.security.RoleHierarchy;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.workflows.dsl.InvalidParamsException;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every failure an endpoint can end in, as Airflow's Error JSON. Details name the field, the value
 * and the rule; MLflow or the database being down is a 503 ({@link Unavailable}); an unexpected
 * failure is logged here and answered with a generic 500.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response problem(ApiProblem e) {
    return respond(e.status(), e.title(), e.detail());
  }

  /** A dagRun conf that breaks the Dag's params: all violations at once, nothing started. */
  @ServerExceptionMapper
  public Response invalidParams(InvalidParamsException e) {
    return respond(400, "Bad Request", String.join("; ", e.violations()));
  }

  @ServerExceptionMapper
  public Response invalidBody(ConstraintViolationException e) {
    String detail =
        e.getConstraintViolations().stream()
            .sorted(Comparator.comparing(v -> field(v.getPropertyPath())))
            .map(ErrorMappers::describe)
            .collect(Collectors.joining("; "));
    return respond(400, "Bad Request", detail);
  }

  /** Replaces Quarkus's built-in mapper for this type, whose body is not Airflow's shape. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return unreadableJson(e);
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e) {
    String where = "";
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      where =
          m.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining("."))
              + ": ";
    }
    String at =
        e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    return respond(
        400, "Bad Request", where + "request body is not JSON of the expected shape" + at);
  }

  /**
   * An endpoint that needs a higher role ({@code @RolesAllowed}, ranked by {@link
   * dev.atelier.ui.security.RoleHierarchy}): the detail names the role it needs and the user's.
   */
  @ServerExceptionMapper
  public Response forbidden(
      ForbiddenException e, SimpleResourceInfo resource, ContainerRequestContext request) {
    RolesAllowed allowed = rolesAllowed(resource);
    String needs =
        allowed == null ? "a higher role" : "role " + String.join(" or ", allowed.value());
    SecurityContext security = request.getSecurityContext();
    String user =
        security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    String has =
        RoleHierarchy.RANKS.stream()
            .filter(security::isUserInRole)
            .reduce((a, b) -> b)
            .orElse("none");
    return respond(
        403,
        "Forbidden",
        "user '"
            + user
            + "' has role "
            + has
            + "; this needs "
            + needs
            + " (roles rank viewer < member < lead < admin)");
  }

  /**
   * The endpoint's own {@code @RolesAllowed}, else its class's: the exact method (by parameter
   * types, so an overload cannot answer for another), not the first one with that name.
   */
  private static RolesAllowed rolesAllowed(SimpleResourceInfo resource) {
    if (resource == null || resource.getResourceClass() == null) {
      return null;
    }
    Class<?> type = resource.getResourceClass();
    try {
      RolesAllowed own =
          type.getMethod(resource.getMethodName(), resource.parameterTypes())
              .getAnnotation(RolesAllowed.class);
      return own != null ? own : type.getAnnotation(RolesAllowed.class);
    } catch (NoSuchMethodException e) {
      return type.getAnnotation(RolesAllowed.class);
    }
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response r = e.getResponse();
    String title = r.getStatusInfo().getReasonPhrase();
    String detail = r.getStatus() == 404 ? "no such resource" : title;
    return respond(r.getStatus(), title, detail);
  }

  /**
   * MLflow or the database down: a 503 with a problem body (and a Retry-After) instead of a 500;
   * anything else is a bug, logged and answered with a generic 500.
   */
  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    var unavailable = Unavailable.detail(e);
    if (unavailable.isPresent()) {
      LOG.warnf("A service the request needs is unavailable: %s", e.toString());
      return Response.fromResponse(respond(503, "Service Unavailable", unavailable.get()))
          .header("Retry-After", "5")
          .build();
    }
    LOG.error("Unexpected failure answering a request", e);
    return respond(
        500, "Internal Server Error", "the server failed to answer; the error is in its log");
  }

  private static String describe(ConstraintViolation<?> v) {
    return field(v.getPropertyPath()) + ": " + value(v.getInvalidValue()) + " " + v.getMessage();
  }

  /** The JSON field name: the last node of the path, as snake_case like the bodies. */
  private static String field(Path path) {
    String last = "body";
    for (Path.Node node : path) {
      if (node.getName() != null) {
        last = node.getName();
      }
    }
    return last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }

  private static String value(Object invalid) {
    return invalid == null ? "null" : "'" + invalid + "'";
  }

  private static Response respond(int status, String title, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(ApiError.of(status, title, detail))
        .build();
  }
}
