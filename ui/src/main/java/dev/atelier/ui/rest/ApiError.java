package dev.atelier.ui.rest;

/** Airflow's Error object (RFC 7807 problem details), the body of every non-2xx answer. */
public record ApiError(String type, String title, int status, String detail) {
  private static final String TYPES =
      "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/";

  public static ApiError of(int status, String title, String detail) {
    return new ApiError(TYPES + typeName(status), title, status, detail);
  }

  /** Airflow's error type names, by status. */
  static String typeName(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthenticated";
      case 403 -> "PermissionDenied";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "AlreadyExists";
      case 503 -> "ServiceUnavailable";
      default -> "Unknown";
    };
  }
}
