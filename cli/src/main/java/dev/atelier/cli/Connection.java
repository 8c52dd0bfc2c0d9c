package dev.atelier.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which app and who asks, the options every API command takes (after its name, as {@code ./atelier
 * dags list --url ...}). The app: {@code --url}, else {@code ATELIER_URL}, else {@value
 * #DEFAULT_URL}. Who: a bearer token from {@code POST /auth/token} ({@code --token-file}, else
 * {@code ATELIER_TOKEN}; see {@code ./atelier auth token}) when there is one, else basic auth as
 * {@code --user} / {@code ATELIER_USER} (default admin) with the password from {@code
 * --password-file}, {@code ATELIER_PASSWORD_FILE} or {@code ATELIER_PASSWORD} (default admin, the
 * demo's). A password or token is never an argument, so it stays out of shell history and process
 * lists, and is never printed.
 */
public final class Connection {
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "the app (default: ATELIER_URL, else " + DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "who asks, with basic auth (default: ATELIER_USER, else admin)")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "the user's password, the file's first line (default: ATELIER_PASSWORD_FILE, else"
              + " ATELIER_PASSWORD, else admin)")
  Path passwordFile;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "a bearer token from POST /auth/token (`./atelier auth token`) instead of basic auth"
              + " (default: ATELIER_TOKEN)")
  Path tokenFile;

  private Map<String, String> env() {
    return AtelierCli.env(command);
  }

  /** The app's URL, checked: http(s)://HOST[:PORT][/PATH], without a trailing slash. */
  public String baseUrl() {
    String from = url != null ? "--url" : "ATELIER_URL";
    String value = url != null ? url : env().getOrDefault("ATELIER_URL", DEFAULT_URL);
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null) {
        return value.replaceAll("/+$", "");
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new ParameterException(
        command.commandLine(),
        from + ": '" + value + "' is not an app URL; it must be http://HOST[:PORT] or https://...");
  }

  public String user() {
    return user != null ? user : env().getOrDefault("ATELIER_USER", "admin");
  }

  /** The password for basic auth, from a file or the environment; never from an argument. */
  String password() {
    if (passwordFile != null) {
      return firstLine("--password-file", passwordFile);
    }
    String file = env().get("ATELIER_PASSWORD_FILE");
    if (file != null && !file.isEmpty()) {
      return firstLine("ATELIER_PASSWORD_FILE", Path.of(file));
    }
    return env().getOrDefault("ATELIER_PASSWORD", "admin");
  }

  private String token() {
    if (tokenFile != null) {
      return firstLine("--token-file", tokenFile);
    }
    String token = env().get("ATELIER_TOKEN");
    return token == null || token.isBlank() ? null : token.strip();
  }

  private String firstLine(String option, Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new ParameterException(
          command.commandLine(),
          option + ": '" + file + "' cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A client of the app, signed in as these options and the environment say. */
  public ApiClient client() {
    String base = baseUrl();
    String token = token();
    if (token != null) {
      return new ApiClient(base, "Bearer " + token);
    }
    return new ApiClient(base, basic(user(), password()));
  }

  /** A client that sends no credentials ({@code POST /auth/token} needs none). */
  public ApiClient anonymous() {
    return new ApiClient(baseUrl(), null);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
