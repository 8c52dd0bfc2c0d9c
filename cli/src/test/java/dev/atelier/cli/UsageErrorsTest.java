package dev.atelier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Bad command lines exit 2 with a message that names the argument, its value and the rule, and send
 * nothing to the app; every command answers {@code --help} with its usage and the exit codes.
 */
class UsageErrorsTest {
  private StubApp app;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    app = new StubApp();
    env = Map.of("ATELIER_URL", app.url());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private Cli.Result usageError(String... args) {
    Cli.Result r = Cli.run(env, args);
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(app.received.isEmpty(), "a usage error sends nothing: " + app.received);
    assertTrue(r.err().contains("try: ./atelier "), r.toString());
    return r;
  }

  @Test
  void confThatIsNotJson_namesConfTheValueAndTheRule() {
    Cli.Result r = usageError("dags", "trigger", "d", "--conf", "{lr: 1");
    assertTrue(
        r.err().contains("atelier: dags trigger: Invalid value for option '--conf'"), r.err());
    assertTrue(r.err().contains("'{lr: 1' is not valid JSON"), r.err());
    assertTrue(r.err().contains("it must be a JSON object"), r.err());
  }

  @Test
  void confThatIsJsonButNoObject_isRefused() {
    Cli.Result r = usageError("dags", "trigger", "d", "--conf", "[1, 2]");
    assertTrue(r.err().contains("'--conf': '[1, 2]' is not a JSON object"), r.err());
    r =
        usageError(
            "backfill",
            "d",
            "--start",
            "2026-01-01T00:00:00Z",
            "--end",
            "2026-01-02T00:00:00Z",
            "--conf",
            "3");
    assertTrue(r.err().contains("'--conf': '3' is not a JSON object"), r.err());
  }

  @Test
  void runIdOutsideAirflowsCharacters_isRefused() {
    Cli.Result r = usageError("dags", "trigger", "d", "--run-id", "../../x");
    assertTrue(
        r.err().contains("--run-id: '../../x' has characters a run id may not hold"), r.err());
    assertTrue(r.err().contains("[A-Za-z0-9_.~:+-]+"), r.err());
  }

  @Test
  void missingAndExtraArguments_areNamed() {
    assertTrue(
        usageError("dags", "trigger").err().contains("Missing required parameter: 'DAG_ID'"));
    assertTrue(usageError("dags", "state", "d").err().contains("'RUN_ID'"));
    assertTrue(usageError("dags", "pause", "a", "b").err().contains("'b'"));
    assertTrue(
        usageError("backfill", "d", "--end", "2026-01-01T00:00:00Z")
            .err()
            .contains("'--start=ISO'"));
  }

  @Test
  void aMistypedCommand_isNamedWithSuggestions() {
    Cli.Result r = usageError("dags", "lst");
    assertTrue(r.err().contains("'lst'"), r.err());
    assertTrue(r.err().contains("list"), r.err());
    assertTrue(usageError("dags").err().contains("name a command: list, trigger"));
    assertTrue(usageError().err().contains("name a command: dags, tasks"));
  }

  @Test
  void badOutputUrlDatesAndLimits_areNamed() {
    assertTrue(usageError("dags", "list", "-o", "xml").err().contains("'--output'"));
    Cli.Result url = usageError("dags", "list", "--url", "localhost:8080");
    assertTrue(url.err().contains("--url: 'localhost:8080' is not an app URL"), url.err());
    Cli.Result envUrl = Cli.run(Map.of("ATELIER_URL", "ftp://x"), "dags", "list");
    assertEquals(2, envUrl.exit());
    assertTrue(envUrl.err().contains("ATELIER_URL: 'ftp://x' is not an app URL"), envUrl.err());
    Cli.Result date =
        usageError("backfill", "d", "--start", "yesterday", "--end", "2026-01-01T00:00:00Z");
    assertTrue(
        date.err().contains("--start: 'yesterday' is not an ISO 8601 date-time"), date.err());
    assertTrue(
        usageError("assets", "events", "--limit", "0")
            .err()
            .contains("--limit: 0 is out of range"));
    assertTrue(usageError("assets", "events", "--limit", "many").err().contains("'--limit'"));
    Cli.Result file = usageError("dags", "list", "--password-file", "/nonexistent/pw");
    assertTrue(
        file.err().contains("--password-file: '/nonexistent/pw' cannot be read"), file.err());
  }

  @Test
  void everyCommandAnswersHelp_withItsUsageAndTheExitCodes() {
    List<String[]> commands = new ArrayList<>();
    collect(AtelierCli.commandLine(env), new ArrayList<>(), commands);
    assertTrue(commands.size() >= 12, "every command and group: " + commands.size());
    for (String[] path : commands) {
      List<String> args = new ArrayList<>(List.of(path));
      args.add("--help");
      Cli.Result r = Cli.run(env, args.toArray(String[]::new));
      assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
      assertTrue(r.out().startsWith("Usage: ./atelier"), r.out());
      assertTrue(r.out().contains("Exit codes:"), r.out());
      assertTrue(r.out().contains("2  usage error"), r.out());
    }
    assertTrue(app.received.isEmpty());
  }

  private static void collect(CommandLine command, List<String> path, List<String[]> out) {
    out.add(path.toArray(String[]::new));
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, out);
              }
            });
  }
}
