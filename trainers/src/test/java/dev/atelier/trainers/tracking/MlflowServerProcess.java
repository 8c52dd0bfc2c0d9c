package dev.atelier.trainers.tracking;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tracking server of a test's own, to stop and start at will without touching the shared one: the
 * {@code mlflow} of Atelier's virtual environment, {@code mlflow server --serve-artifacts} on a
 * free port with a SQLite store and an artifact folder under {@code dir}, so a restart on the same
 * port finds everything it had. {@link #kill()} is SIGKILL to the server and every process it
 * forked, the way a crashed or evicted server goes.
 */
final class MlflowServerProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;
  private int starts;

  private MlflowServerProcess(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /**
   * The {@code mlflow} command: beside {@code ATELIER_PYTHON} (what {@code ./atelier test}
   * exports), else in the venv under {@code ATELIER_HOME}, {@code ATELIER_DIR} or {@code
   * ATELIER_ROOT/.atelier} (how the scripts lay it out), else under a {@code .atelier} folder above
   * the working directory.
   */
  static Optional<Path> binary() {
    List<Path> candidates = new ArrayList<>();
    String python = System.getenv("ATELIER_PYTHON");
    if (python != null && !python.isBlank()) {
      candidates.add(Path.of(python).resolveSibling("mlflow"));
    }
    for (String env : List.of("ATELIER_HOME", "ATELIER_DIR")) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) {
        candidates.add(Path.of(v, "venv", "bin", "mlflow"));
      }
    }
    String root = System.getenv("ATELIER_ROOT");
    if (root != null && !root.isBlank()) {
      candidates.add(Path.of(root, ".atelier", "venv", "bin", "mlflow"));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      candidates.add(p.resolve(".atelier/venv/bin/mlflow"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static String missingMessage() {
    return "no mlflow command found (set ATELIER_PYTHON, ATELIER_HOME or ATELIER_DIR to an Atelier"
        + " setup with .atelier/venv, as ./atelier test does)";
  }

  /** Starts a server on a free port with its store under {@code dir}; waits until it answers. */
  static MlflowServerProcess start(Path binary, Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    MlflowServerProcess server = new MlflowServerProcess(binary, dir, port);
    server.start();
    return server;
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** (Re)starts the server on its port with the same store, and waits until it answers. */
  void start() throws Exception {
    Files.createDirectories(dir.resolve("art"));
    starts++;
    process =
        new ProcessBuilder(
                binary.toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--workers",
                "1",
                "--backend-store-uri",
                "sqlite:///" + dir.resolve("mlflow.db"),
                "--serve-artifacts",
                "--artifacts-destination",
                dir.resolve("art").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mlflow-" + starts + ".log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!healthy()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mlflow server exited: " + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("mlflow server did not answer in 180 s: " + log());
      }
      Thread.sleep(250);
    }
  }

  boolean healthy() {
    try {
      HttpResponse<Void> res =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(uri() + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return res.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL to the server and everything it forked; returns once none of them runs. */
  void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> h).join();
    }
    process = null;
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("mlflow-" + starts + ".log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
