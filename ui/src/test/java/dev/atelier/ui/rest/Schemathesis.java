package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.VenvPython;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One schemathesis run (the {@code st} of the venv, {@code scripts/requirements.txt}) over the
 * operations of one OpenAPI document whose path matches a pattern, as one user, failing on nothing
 * but 5xx answers ({@code not_a_server_error}); a failure's message holds schemathesis's output
 * with a {@code curl} that reproduces it. The seed is fixed, one worker sends, and ids come from
 * {@code src/test/resources/schemathesis.toml}'s dictionaries (the fuzz target Dag and its fixture
 * run), never from earlier answers.
 */
final class Schemathesis {
  static final long SEED = 20261121;
  private static final Path CONFIG = Path.of("src/test/resources/schemathesis.toml");

  /** Where {@code schemathesis_hooks.py} lies (it turns Hypothesis's targeting off). */
  private static final Path HOOKS = Path.of("src/test/resources");

  /** The JUnit reports (one case per operation) and the documents fuzzed, under target/. */
  static final Path REPORTS = Path.of("target/schemathesis");

  private final String origin;
  private final String user;
  private final List<String> options = new ArrayList<>();

  /**
   * @param origin the app's base URL without a trailing slash
   * @param user a user name whose password is {@link RoleUsers#PASSWORD}
   */
  Schemathesis(String origin, String user) {
    this.origin = origin;
    this.user = user;
  }

  /** Leaves out one operation, named as schemathesis does: {@code POST /api/v2/assets/events}. */
  Schemathesis exclude(String operation) {
    options.add("--exclude-name");
    options.add(operation);
    return this;
  }

  /**
   * Fuzzes the operations of {@code document} (a path of the app) whose path matches {@code
   * pathRegex}, {@code examples} per operation and phase, and fails the test on any 5xx or when
   * nothing was tested. {@code name} names the report folder.
   */
  void run(String name, String document, String pathRegex, int examples)
      throws IOException, InterruptedException {
    Path dir = REPORTS.resolve(name);
    Files.createDirectories(dir);
    List<String> command =
        new ArrayList<>(
            List.of(
                VenvPython.tool("st"),
                "--config-file",
                CONFIG.toAbsolutePath().toString(),
                "run",
                origin + document,
                "--url",
                origin,
                "--include-path-regex",
                pathRegex,
                "--auth",
                user + ":" + RoleUsers.PASSWORD,
                // State-changing requests need a same-site Origin (else 403, see CrossSite*).
                "--header",
                "Origin: " + origin,
                "--checks",
                "not_a_server_error",
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                String.valueOf(examples),
                "--seed",
                String.valueOf(SEED),
                "--workers",
                "1",
                "--generation-database",
                "none",
                "--request-timeout",
                "20",
                "--no-color",
                "--report",
                "junit",
                "--report-dir",
                "."));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PYTHONPATH", HOOKS.toAbsolutePath().toString());
    builder.environment().put("SCHEMATHESIS_HOOKS", "schemathesis_hooks");
    Process process =
        builder
            // Its cache (.schemathesis/) goes beside the reports, under target/.
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("schemathesis " + name + " | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "schemathesis did not exit");
    String all = String.join("\n", output);
    assertTrue(all.contains("API Operations"), "schemathesis did not test the API:\n" + all);
    assertEquals(
        0,
        process.exitValue(),
        "schemathesis found failures (5xx answers) in " + name + ":\n" + all);
  }
}
