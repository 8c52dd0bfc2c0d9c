package dev.atelier.activities.podjobs;

import dev.atelier.activities.jobs.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KubernetesJobOperator tries as local processes, for a platform on one machine ({@code
 * ATELIER_LAUNCHER=local}), the same contract trials follow: {@code cmds + arguments} run with
 * {@code env_vars}; the image, secrets, volumes, resources and node placement have no local meaning
 * and are ignored, which the first lines of the log say. The log is a file beside the trials.
 */
public final class LocalPodJobs implements PodJobs {
  private final Path logDir;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();

  public LocalPodJobs(Path logDir) {
    this.logDir = logDir;
  }

  @Override
  public void launch(String name, PodJobRequest request) {
    if (processes.containsKey(name)) {
      return;
    }
    List<String> command = new ArrayList<>(request.cmds());
    command.addAll(request.arguments());
    if (request.cmds().isEmpty()) {
      throw new IllegalArgumentException(
          "cmds: [] must name the program to run: the local launcher has no image entrypoint");
    }
    try {
      Files.createDirectories(logDir);
      Path log = log(name);
      Files.writeString(log, warnings(request));
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(request.envVars());
      processes.put(name, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** What the local launcher leaves out, said where the author will look: the task's log. */
  static String warnings(PodJobRequest r) {
    StringBuilder w = new StringBuilder();
    ignored(w, "image " + r.image(), true);
    ignored(w, "secrets", !r.secrets().isEmpty());
    ignored(w, "volumes and volume_mounts", !r.volumes().isEmpty() || !r.volumeMounts().isEmpty());
    ignored(w, "container_resources", !r.containerResources().isEmpty());
    ignored(
        w,
        "node_selector, tolerations and priority_class_name",
        !r.nodeSelector().isEmpty() || !r.tolerations().isEmpty() || r.priorityClassName() != null);
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
  public PodJobState state(String name, PodJobRequest request) {
    Process p = processes.get(name);
    if (p == null) {
      return PodJobState.gone("process " + name + " is not known to this worker");
    }
    if (p.isAlive()) {
      return PodJobState.running();
    }
    int code = p.exitValue();
    return code == 0
        ? PodJobState.succeeded()
        : PodJobState.failed("process exited with code " + code);
  }

  @Override
  public String logs(String name, PodJobRequest request, int lines) {
    return LogTail.of(log(name), lines);
  }

  @Override
  public void delete(String name, PodJobRequest request) {
    Process p = processes.remove(name);
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
  }

  private Path log(String name) {
    return logDir.resolve(name + ".log");
  }
}
