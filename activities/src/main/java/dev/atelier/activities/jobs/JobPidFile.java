package dev.atelier.activities.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The file that lets a local job outlive the worker that started it: one line, {@code <pid> <start
 * millis>}, the start time being {@link ProcessHandle.Info#startInstant()} (on Linux: the boot time
 * plus {@code /proc/<pid>/stat}'s start ticks, which is how {@code ./atelier down} reads it too,
 * {@code scripts/local-jobs.sh}). A pid names our process only while a process with that pid
 * <em>and</em> that start time lives: the system hands a freed pid to other programs.
 */
record JobPidFile(long pid, long startMillis) {
  /** In a trial's work folder: one trainer per trial, whichever try started it. */
  static final String IN_WORK_DIR = "job.pid";

  /** Beside the log of a job without a work folder: {@code <job name>}{@value}. */
  static final String SUFFIX = ".job.pid";

  /** Where the pid file of a job goes: its work folder, else the launcher's log folder. */
  static Path of(JobRequest request, Path logDir) {
    return request.workDir() != null
        ? request.workDir().resolve(IN_WORK_DIR)
        : logDir.resolve(request.name() + SUFFIX);
  }

  /** The pid and start time of {@code process}; empty where the system does not say when. */
  static Optional<JobPidFile> of(ProcessHandle process) {
    return process
        .info()
        .startInstant()
        .map(Instant::toEpochMilli)
        .map(ms -> new JobPidFile(process.pid(), ms));
  }

  /** What {@code file} says, or empty when it is missing or not {@code <pid> <start millis>}. */
  static Optional<JobPidFile> read(Path file) {
    try {
      String[] parts = Files.readString(file).trim().split("\\s+");
      return parts.length == 2
          ? Optional.of(new JobPidFile(Long.parseLong(parts[0]), Long.parseLong(parts[1])))
          : Optional.empty();
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
  }

  /** Written whole or not at all (a temporary file moved into place). */
  void write(Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, pid + " " + startMillis + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the pid file " + file, e);
    }
  }

  /** The live process this names: same pid and same start time; else empty (a stale file). */
  Optional<ProcessHandle> live() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> of(p).map(this::equals).orElse(false));
  }

  /** The {@link JobId} of this process: {@code <pid>@<start millis>}. */
  JobId jobId() {
    return new JobId(pid + "@" + startMillis);
  }

  /** Removes {@code file} if it still names {@code id} (a later launch may have replaced it). */
  static void deleteIfNames(Path file, JobId id) {
    if (read(file).map(JobPidFile::jobId).filter(id::equals).isPresent()) {
      delete(file);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover pid file is stale once its process ends: launch and down both skip it.
    }
  }
}
