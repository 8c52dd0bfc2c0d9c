package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./atelier auth token}: trades the user name and password (as every command takes them) for
 * a bearer token from {@code POST /auth/token}, printed alone on stdout so a script can keep it:
 * {@code ./atelier auth token > ~/.atelier-token; ./atelier dags list --token-file
 * ~/.atelier-token} (or {@code export ATELIER_TOKEN=$(./atelier auth token)}).
 */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Bearer tokens.",
    subcommands = {AuthCommand.Token.class})
final class AuthCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: token");
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description =
          "Print a bearer token for --user (POST /auth/token); use it with --token-file or"
              + " ATELIER_TOKEN.")
  static final class Token implements Runnable {
    @Mixin Connection connection;
    @Mixin Output output;

    @Override
    public void run() {
      JsonNode answer =
          connection
              .anonymous()
              .post(
                  "/auth/token",
                  Map.of("username", connection.user(), "password", connection.password()));
      if (output.json()) {
        output.value(JsonObjectConverter.JSON.convertValue(answer, Object.class));
      } else {
        output.line(answer.path("access_token").asText());
      }
    }
  }
}
