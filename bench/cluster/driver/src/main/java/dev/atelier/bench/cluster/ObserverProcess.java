package dev.atelier.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The driver's handle on its {@link Observer}, a child JVM with the same class path. */
final class ObserverProcess implements AutoCloseable {
  private final Process process;
  private final PrintWriter commands;
  private final BufferedReader replies;

  ObserverProcess(Path adminKubeconfig, String namespace, String selector, Path events, String cq)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:+UseSerialGC",
                    "-Xmx256m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal"
                        + ".VersionUsageUtils=error",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Observer.class.getName(),
                    adminKubeconfig.toString(),
                    namespace,
                    selector,
                    events.toString(),
                    cq))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    commands =
        new PrintWriter(
            new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
            true);
    replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    expect("ready");
  }

  long pid() {
    return process.pid();
  }

  void sample(long ms) {
    commands.println("sample " + ms);
  }

  void stopSampling() {
    commands.println("nosample");
  }

  /** Writes a mark with the observer's own request counts, and waits until it is written. */
  void mark(String name) throws IOException {
    commands.println("mark " + name);
    expect("marked " + name);
  }

  private void expect(String line) throws IOException {
    String got = replies.readLine();
    if (!line.equals(got)) {
      throw new IOException("observer said '" + got + "', expected '" + line + "'");
    }
  }

  @Override
  public void close() throws Exception {
    commands.println("quit");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
