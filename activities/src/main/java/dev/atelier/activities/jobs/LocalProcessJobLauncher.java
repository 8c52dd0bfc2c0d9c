package dev.atelier.activities.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the trainer as a child process of this worker: the demo's launcher on one machine. The job
 * id is the process id; output goes to {@code <workDir>/trainer.log}.
 *
 * <p>A process this worker did not start (the worker restarted while it ran) is followed while it
 * lives and reported GONE afterwards, because its exit code cannot be read; the trial activity then
 * falls back to the trainer's own {@code result.json}.
 */
public final class LocalProcessJobLauncher implements JobLauncher {
  public static final String LOG_FILE = "trainer.log";
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final List<String> trainerCommand;
  private final Map<String, String> environment;
  private final Duration gracePeriod;
  private final Map<String, Long> pidsByName = new ConcurrentHashMap<>();
  private final Map<Long, LocalJob> jobs = new ConcurrentHashMap<>();

  private record LocalJob(Process process, Path workDir) {}

  /**
   * @param trainerCommand the trainer CLI without the spec argument
   * @param environment variables added to this process's environment for the trainer
   * @param gracePeriod how long {@link #delete} waits after SIGTERM (the trainer checkpoints)
   *     before it kills
   */
  public LocalProcessJobLauncher(
      List<String> trainerCommand, Map<String, String> environment, Duration gracePeriod) {
    if (trainerCommand.isEmpty()) {
      throw new IllegalArgumentException("trainerCommand: [] must name a program");
    }
    this.trainerCommand = List.copyOf(trainerCommand);
    this.environment = Map.copyOf(environment);
    this.gracePeriod = gracePeriod;
  }

  /**
   * The environment DESIGN.md asks for: DJL offline and without telemetry, natives unpacked once
   * under {@code djlCacheDir} (an inherited DJL_CACHE_DIR wins, as in {@code ./atelier train}),
   * plus the {@link TrainerAllocator}'s.
   */
  public static Map<String, String> trainerEnvironment(Path djlCacheDir) {
    String inherited = System.getenv("DJL_CACHE_DIR");
    Map<String, String> env = new HashMap<>(TrainerAllocator.environment());
    env.put("DJL_OFFLINE", "true");
    env.put("OPT_OUT_TRACKING", "true");
    env.put("DJL_CACHE_DIR", inherited != null ? inherited : djlCacheDir.toString());
    return Map.copyOf(env);
  }

  @Override
  public synchronized JobId launch(JobSpec spec) {
    Long existing = pidsByName.get(spec.name());
    if (existing != null) {
      return new JobId(Long.toString(existing));
    }
    List<String> command = new ArrayList<>(trainerCommand);
    command.add(spec.specFile().toAbsolutePath().toString());
    try {
      Files.createDirectories(spec.workDir());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(spec.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(spec.workDir().resolve(LOG_FILE).toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      jobs.put(process.pid(), new LocalJob(process, spec.workDir()));
      pidsByName.put(spec.name(), process.pid());
      return new JobId(Long.toString(process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start trainer " + command, e);
    }
  }

  @Override
  public Optional<JobOutcome> status(JobId id) {
    long pid = pid(id);
    LocalJob job = jobs.get(pid);
    if (job == null) {
      boolean alive = ProcessHandle.of(pid).filter(this::isTrainer).isPresent();
      return alive
          ? Optional.empty()
          : Optional.of(JobOutcome.gone("process " + pid + " is not running"));
    }
    if (job.process().isAlive()) {
      return Optional.empty();
    }
    int code = job.process().exitValue();
    return Optional.of(
        code == 0
            ? JobOutcome.succeeded()
            : JobOutcome.failed(code, "trainer exited with code " + code));
  }

  @Override
  public void delete(JobId id) {
    long pid = pid(id);
    LocalJob job = jobs.get(pid);
    Optional<ProcessHandle> handle =
        job != null
            ? Optional.of(job.process().toHandle())
            : ProcessHandle.of(pid).filter(this::isTrainer);
    handle.filter(ProcessHandle::isAlive).ifPresent(this::terminate);
  }

  /** SIGTERM first so the trainer can checkpoint and exit 75; SIGKILL after the grace period. */
  private void terminate(ProcessHandle process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    awaitExit(process, gracePeriod);
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    // SIGKILL is asynchronous too: return only once the process is really gone.
    awaitExit(process, KILL_WAIT);
  }

  private static void awaitExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception timedOut) {
      // Reported by the caller's next status call; nothing more can be done from here.
    }
  }

  @Override
  public String logs(JobId id, int lines) {
    LocalJob job = jobs.get(pid(id));
    return job == null ? "" : LogTail.of(job.workDir().resolve(LOG_FILE), lines);
  }

  /** Guards against a reused pid: only a process running our trainer command is ours. */
  private boolean isTrainer(ProcessHandle handle) {
    String program = trainerCommand.get(trainerCommand.size() - 1);
    return handle.isAlive()
        && handle.info().commandLine().map(line -> line.contains(program)).orElse(false);
  }

  private static long pid(JobId id) {
    try {
      return Long.parseLong(id.value());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "jobId: '" + id.value() + "' is not a local process id", e);
    }
  }
}
