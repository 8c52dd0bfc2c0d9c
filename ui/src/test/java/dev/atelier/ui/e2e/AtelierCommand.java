package dev.atelier.ui.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code ./atelier} run as a person would run it (from the ui module, whose
 * working folder Maven's tests start in): the arguments, an environment on top of this one, and
 * what is typed into its standard input, which is then closed (so it is no terminal).
 */
final class AtelierCommand {
  private static final Path SCRIPT = Path.of("..", "atelier").toAbsolutePath().normalize();

  /** The exit code and everything it printed, stdout and stderr in order. */
  record Result(int exit, String output) {}

  private final Map<String, String> env;

  AtelierCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Result run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./atelier " + String.join(" ", args) + " did not exit");
    }
    System.out.println("./atelier " + String.join(" ", args) + " -> " + process.exitValue());
    System.out.print(output.indent(2));
    return new Result(process.exitValue(), output);
  }
}
