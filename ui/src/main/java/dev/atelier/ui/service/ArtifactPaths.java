package dev.atelier.ui.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's artifacts are on the tracking server's artifact proxy, and what the sample grids'
 * names say about their step.
 */
public final class ArtifactPaths {
  private static final String PROXY_SCHEME = "mlflow-artifacts:";
  private static final Pattern SAMPLE = Pattern.compile("(?:^|/)step_(\\d{7})\\.png$");

  private ArtifactPaths() {}

  /**
   * The part of a run's {@code artifact_uri} after {@code mlflow-artifacts:/} (an authority, if
   * any, dropped): {@code mlflow-artifacts:/1/abc/artifacts} gives {@code 1/abc/artifacts}. Empty
   * when the run's artifacts are not served through the proxy.
   */
  public static Optional<String> proxyRoot(String artifactUri) {
    if (artifactUri == null || !artifactUri.startsWith(PROXY_SCHEME)) {
      return Optional.empty();
    }
    String rest = artifactUri.substring(PROXY_SCHEME.length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    return Optional.of(strip(rest));
  }

  /**
   * A relative artifact path, checked: no empty, {@code .} or {@code ..} segments, so a request can
   * never climb out of its run.
   *
   * @throws ApiProblem 400 naming the path
   */
  public static String checked(String path) {
    String p = path == null ? "" : strip(path);
    if (p.isEmpty()) {
      throw ApiProblem.badRequest("path: '" + path + "' must name an artifact");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw ApiProblem.badRequest(
            "path: '" + path + "' must be relative, without empty, '.' or '..' segments");
      }
    }
    return p;
  }

  /** Each segment percent-encoded for a URL path. */
  public static String encode(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      out.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return String.join("/", out);
  }

  /** The step of a sample grid artifact ({@code samples/step_0000200.png} gives 200). */
  public static Optional<Long> sampleStep(String artifactPath) {
    Matcher m = SAMPLE.matcher(artifactPath);
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  private static String strip(String p) {
    int start = 0;
    int end = p.length();
    while (start < end && p.charAt(start) == '/') {
      start++;
    }
    while (end > start && p.charAt(end - 1) == '/') {
      end--;
    }
    return p.substring(start, end);
  }
}
