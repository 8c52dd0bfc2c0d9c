package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The running app's HTTP API, through the JDK's {@link HttpClient}: JSON in and out, one {@code
 * Authorization} header (basic or bearer), and every answer that is not 2xx turned into a {@link
 * CliFailure} carrying the app's {@code detail} (404: exit 3; other refusals and failures: 1; no
 * answer: 4).
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;
  private final HttpClient http;

  /** {@code baseUrl} without a trailing slash; {@code authorization} a whole header value. */
  public ApiClient(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** One path segment, percent-encoded (a run id may hold {@code +} or {@code :}). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query string ({@code ?a=1&b=2}) of the non-null values, or "" when none. */
  public static String query(Map<String, ?> values) {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.setEmptyValue("");
    values.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
          }
        });
    return q.toString();
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  public JsonNode patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  private JsonNode send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.UNREACHABLE,
          "cannot reach the app at "
              + baseUrl
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); is it running (./atelier demo), and is ATELIER_URL or --url right?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILED, "interrupted");
    }
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    if (status >= 200 && status < 300) {
      return answer;
    }
    String detail = detail(answer, response.body());
    String what = method + " " + path.replaceAll("\\?.*", "");
    if (status == 404) {
      throw new CliFailure(ExitCodes.NOT_FOUND, "not found (404): " + detail);
    }
    if (status >= 500) {
      throw new CliFailure(
          ExitCodes.FAILED, "the app failed (" + status + ") on " + what + ": " + detail);
    }
    throw new CliFailure(ExitCodes.FAILED, "the app refused (" + status + "): " + detail);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  /** Airflow's problem {@code detail} (else its title), or the body itself, on one line. */
  private static String detail(JsonNode answer, String body) {
    if (answer.hasNonNull("detail")) {
      return answer.get("detail").asText();
    }
    if (answer.hasNonNull("title")) {
      return answer.get("title").asText();
    }
    String text = body == null || body.isBlank() ? "(no body)" : body.strip();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
