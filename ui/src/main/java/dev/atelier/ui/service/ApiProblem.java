package dev.atelier.ui.service;

/**
 * A refusal the client can act on: an HTTP status, a short title, and a detail that names the
 * field, the value and the rule. Rendered as Airflow's Error object.
 */
public class ApiProblem extends RuntimeException {
  private final int status;
  private final String title;

  public ApiProblem(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad Request", detail);
  }

  public static ApiProblem notFound(String title, String detail) {
    return new ApiProblem(404, title, detail);
  }

  public static ApiProblem conflict(String title, String detail) {
    return new ApiProblem(409, title, detail);
  }

  public static ApiProblem unavailable(String detail) {
    return new ApiProblem(503, "Service Unavailable", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
