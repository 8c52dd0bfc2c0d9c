package dev.atelier.activities.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Jobs as child processes of this worker, for a platform on one machine: {@code cmds + arguments}
 * (and the spec file's own path) run with {@code env_vars} on top of an allow-listed part of the
 * worker's environment ({@link TrainerEnvironment}: no database password, no S3 keys). The image,
 * secrets, volumes, resources, placement, service account and queue have no local meaning; the
 * first lines of the job's log say which were ignored. The log is {@code <workDir>/}{@value
 * #LOG_FILE} when the request has a work folder (a trial's), else {@code <logDir>/<job name>.log}.
 *
 * <p>The job id is {@code <pid>@<start millis>}, and a {@link JobPidFile} beside the log holds the
 * same: launching a job whose pid file names a live process with that start time (a retry after the
 * worker crashed) adopts that process instead of starting a second one; a stale pid file is
 * replaced. A process this launcher did not start is followed while it lives and reported GONE
 * afterwards, because its exit code cannot be read (a trial then reads the trainer's own {@code
 * result.json}). {@code ./atelier down} stops the processes the pid files name ({@code
 * scripts/local-jobs.sh}).
 */
public final class LocalProcessJobLauncher implements JobLauncher {
  public static final String LOG_FILE = "job.log";
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Path logDir;
  private final Duration gracePeriod;
  private final Map<String, String> parentEnvironment;
  private final Map<String, JobId> idsByName = new ConcurrentHashMap<>();
  private final Map<JobId, LocalJob> jobs = new ConcurrentHashMap<>();

  /** {@code process} is null for a process adopted from its pid file (no exit code to read). */
  private record LocalJob(ProcessHandle handle, Process process, Path log, Path pidFile) {}

  /**
   * @param logDir where jobs without a work folder log
   * @param gracePeriod how long {@link #delete} waits after SIGTERM (a trainer checkpoints) before
   *     it kills
   */
  public LocalProcessJobLauncher(Path logDir, Duration gracePeriod) {
    this(logDir, gracePeriod, System.getenv());
  }

  /**
   * @param parentEnvironment the worker's environment, of which jobs get the {@link
   *     TrainerEnvironment} part
   */
  public LocalProcessJobLauncher(
      Path logDir, Duration gracePeriod, Map<String, String> parentEnvironment) {
    this.logDir = logDir;
    this.gracePeriod = gracePeriod;
    this.parentEnvironment = Map.copyOf(parentEnvironment);
  }

  @Override
  public synchronized JobId launch(JobRequest request) {
    JobId existing = idsByName.get(request.name());
    if (existing != null) {
      return existing;
    }
    if (request.cmds().isEmpty()) {
      throw new IllegalArgumentException(
          "cmds: [] must name the program to run: the local launcher has no image entrypoint");
    }
    List<String> command = new ArrayList<>(request.cmds());
    command.addAll(request.arguments());
    if (request.specFile() != null) {
      command.add(request.specFile().file().toAbsolutePath().toString());
    }
    Path log =
        request.workDir() != null
            ? request.workDir().resolve(LOG_FILE)
            : logDir.resolve(request.name() + ".log");
    Path pidFile = JobPidFile.of(request, logDir);
    Optional<JobPidFile> recorded = JobPidFile.read(pidFile);
    Optional<ProcessHandle> running = recorded.flatMap(JobPidFile::live);
    if (running.isPresent()) {
      // A retry after the worker crashed: the trainer it started is still at work.
      JobId id = recorded.get().jobId();
      jobs.put(id, new LocalJob(running.get(), null, log, pidFile));
      idsByName.put(request.name(), id);
      return id;
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, warnings(request));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (request.workDir() != null) {
        builder.directory(request.workDir().toFile());
      }
      builder.environment().clear();
      builder.environment().putAll(TrainerEnvironment.of(parentEnvironment));
      builder.environment().putAll(request.envVars());
      Process process = builder.start();
      Optional<JobPidFile> started = JobPidFile.of(process.toHandle());
      started.ifPresentOrElse(f -> f.write(pidFile), () -> JobPidFile.delete(pidFile));
      JobId id = started.map(JobPidFile::jobId).orElseGet(() -> id(process.toHandle()));
      jobs.put(id, new LocalJob(process.toHandle(), process, log, pidFile));
      idsByName.put(request.name(), id);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** What the local launcher leaves out, said where the author will look: the job's log. */
  static String warnings(JobRequest r) {
    StringBuilder w = new StringBuilder();
    ignored(w, "image " + r.image(), r.image() != null);
    ignored(w, "secrets", !r.secrets().isEmpty());
    ignored(w, "volumes and volume_mounts", !r.volumes().isEmpty() || !r.volumeMounts().isEmpty());
    ignored(w, "container_resources", !r.requests().isEmpty() || !r.limits().isEmpty());
    ignored(
        w,
        "node_selector, tolerations, affinity and priority_class_name",
        !r.nodeSelector().isEmpty()
            || !r.tolerations().isEmpty()
            || r.affinity() != null
            || r.priorityClassName() != null);
    ignored(w, "service_account_name", r.serviceAccountName() != null);
    ignored(w, "queue_name", r.queueName() != null);
    ignored(w, "active_deadline_seconds", r.activeDeadlineSeconds() != null);
    return w.toString();
  }

  private static void ignored(StringBuilder w, String what, boolean given) {
    if (given) {
      w.append("WARNING: local launcher: ")
          .append(what)
          .append(" ignored (this runs cmds + arguments as a local process)\n");
    }
  }

  @Override
  public JobState state(JobId id) {
    LocalJob job = jobs.get(id);
    if (job == null) {
      return handle(id).isPresent()
          ? JobState.running()
          : JobState.gone("process " + id.name() + " is not running");
    }
    // A process we started is asked itself: its handle can already say "not alive" while the
    // JDK's reaper has not yet recorded the exit code, and exitValue() would throw.
    if (job.process() != null ? job.process().isAlive() : job.handle().isAlive()) {
      return JobState.running();
    }
    JobPidFile.deleteIfNames(job.pidFile(), id);
    if (job.process() == null) {
      return JobState.gone(
          "process " + id.name() + " (adopted after a worker restart) is not running");
    }
    int code = job.process().exitValue();
    return code == 0
        ? JobState.succeeded()
        : JobState.failed(code, "process exited with code " + code);
  }

  @Override
  public void delete(JobId id) {
    LocalJob job = jobs.get(id);
    Optional<ProcessHandle> handle = job != null ? Optional.of(job.handle()) : handle(id);
    handle.filter(ProcessHandle::isAlive).ifPresent(this::terminate);
    if (job != null) {
      JobPidFile.deleteIfNames(job.pidFile(), id);
    }
  }

  /** SIGTERM first so a trainer can checkpoint and exit 75; SIGKILL after the grace period. */
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
      // Reported by the caller's next state call; nothing more can be done from here.
    }
  }

  @Override
  public String logs(JobId id, int lines) {
    LocalJob job = jobs.get(id);
    return job == null ? "" : LogTail.of(job.log(), lines);
  }

  /** A process never waits for a node or an image: it is RUNNING at once, so no startup timeout. */
  @Override
  public JobState awaitCompletion(JobId id, Duration pollEvery, Consumer<JobState> betweenPolls) {
    return JobWait.until(this, id, Optional.empty(), pollEvery, betweenPolls);
  }

  /** The process's pid, for a {@link JobId} this launcher made. */
  public static long pid(JobId id) {
    String pid = id.value().split("@", 2)[0];
    try {
      return Long.parseLong(pid);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "jobId: '" + id.value() + "' is not a local process id (<pid>@<start millis>)", e);
    }
  }

  private static JobId id(ProcessHandle process) {
    return new JobId(
        process.pid() + process.info().startInstant().map(s -> "@" + s.toEpochMilli()).orElse(""));
  }

  /**
   * The live process {@code id} names: same pid, and, when the id has one, the same start time, so
   * a pid the system handed to another program since is never taken for ours.
   */
  private static Optional<ProcessHandle> handle(JobId id) {
    String[] parts = id.value().split("@", 2);
    return ProcessHandle.of(pid(id))
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                parts.length < 2
                    || p.info()
                        .startInstant()
                        .map(Instant::toEpochMilli)
                        .map(ms -> parts[1].equals(Long.toString(ms)))
                        .orElse(false));
  }
}
