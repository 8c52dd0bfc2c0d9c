package dev.atelier.activities.jobs;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One job to launch, for a sweep trial or a KubernetesJobOperator try alike. Fields carry the
 * operator's Airflow names in Java case ({@code env_vars} is {@link #envVars}); {@link
 * JobArguments} reads them from a task's argument map. A launcher uses what has a meaning where it
 * runs: the local one runs {@code cmds + arguments} with {@code envVars} and says in the job's log
 * which of the rest it ignored.
 *
 * @param key which try of which task instance: it names the Job ({@link #name()}) and marks it as
 *     ours ({@link #launchKey()})
 * @param kind the readable start of the Job's name, e.g. {@code trial} or {@code k8s}
 * @param namespace the Job's namespace; null for the launcher's
 * @param image the container image; the Kubernetes launcher requires one
 * @param cmds the entrypoint (Kubernetes' {@code command}); empty for the image's own
 * @param arguments its arguments (Kubernetes' {@code args}); a {@link #specFile} path is appended
 * @param envVars plain environment variables
 * @param secrets environment variables from Secret keys
 * @param requests resource requests ({@code cpu}, {@code memory}, ...), Kubernetes quantities
 * @param limits resource limits; GPUs as {@value #GPU_RESOURCE}
 * @param nodeSelector node labels the pod must land on
 * @param tolerations taints the pod tolerates
 * @param affinity node and pod (anti-)affinity, passed through as Kubernetes has it; null for none
 * @param volumes pod volumes
 * @param volumeMounts where they appear in the container
 * @param labels the Job's and its pod's labels besides Atelier's own
 * @param annotations the Job's annotations besides Atelier's own
 * @param priorityClassName the pod's PriorityClass (Kueue reads it for queued Jobs); null for none
 * @param serviceAccountName the pod's ServiceAccount; null for the namespace's default
 * @param automountServiceAccountToken whether the pod gets an API token; null for Kubernetes'
 *     default
 * @param startupTimeoutSeconds how long the pod may stay PENDING once admitted (never counted while
 *     QUEUED)
 * @param activeDeadlineSeconds how long the Job may run at all before Kubernetes stops it; null for
 *     no limit
 * @param queueName the Kueue LocalQueue; null to start at once
 * @param getLogs whether the caller wants the log tail
 * @param specFile a file the job reads (a trial's spec), mounted from a ConfigMap; null for none
 * @param workDir the local launcher's working folder and log place; null for its own log folder
 */
public record JobRequest(
    JobKey key,
    String kind,
    String namespace,
    String image,
    List<String> cmds,
    List<String> arguments,
    Map<String, String> envVars,
    List<SecretEnv> secrets,
    Map<String, String> requests,
    Map<String, String> limits,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Affinity affinity,
    List<Volume> volumes,
    List<Mount> volumeMounts,
    Map<String, String> labels,
    Map<String, String> annotations,
    String priorityClassName,
    String serviceAccountName,
    Boolean automountServiceAccountToken,
    long startupTimeoutSeconds,
    Long activeDeadlineSeconds,
    String queueName,
    boolean getLogs,
    SpecFile specFile,
    Path workDir) {
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** Airflow's default for {@code startup_timeout_seconds}. */
  public static final long DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;

  /** Volume kinds a request can name, as Airflow's {@code volumes} spell them. */
  public static final List<String> VOLUME_TYPES =
      List.of("configMap", "secret", "emptyDir", "persistentVolumeClaim");

  /**
   * A pod volume: {@code source} names the ConfigMap, Secret or PersistentVolumeClaim (null for
   * emptyDir).
   */
  public record Volume(String name, String type, String source) {}

  /** Where a volume appears in the container; {@code subPath} (null for the root) picks a part. */
  public record Mount(String name, String mountPath, boolean readOnly, String subPath) {}

  /** Airflow's {@code Secret("env", envName, secret, key)}: a variable from a Secret's key. */
  public record SecretEnv(String envName, String secret, String key) {}

  /**
   * A file the job reads, e.g. a trial's spec: the local launcher passes {@code file} itself; the
   * Kubernetes launcher puts its content in a ConfigMap mounted at {@code mountDir}. Either way the
   * path the job sees is appended to its arguments.
   */
  public record SpecFile(Path file, String mountDir) {
    public String fileName() {
      return file.getFileName().toString();
    }

    public String mountedPath() {
      return mountDir + "/" + fileName();
    }
  }

  public JobRequest {
    cmds = List.copyOf(cmds);
    arguments = List.copyOf(arguments);
    envVars = copy(envVars);
    secrets = List.copyOf(secrets);
    requests = copy(requests);
    limits = copy(limits);
    nodeSelector = copy(nodeSelector);
    tolerations = List.copyOf(tolerations);
    volumes = List.copyOf(volumes);
    volumeMounts = List.copyOf(volumeMounts);
    labels = copy(labels);
    annotations = copy(annotations);
    List<String> violations = new ArrayList<>();
    Set<String> volumeNames = new HashSet<>();
    for (Volume v : volumes) {
      if (!volumeNames.add(v.name())) {
        violations.add("volumes.name: '" + v.name() + "' is given twice; names must be unique");
      }
    }
    for (Mount m : volumeMounts) {
      if (!volumeNames.contains(m.name())) {
        violations.add(
            "volume_mounts.name: '"
                + m.name()
                + "' must be one of the volumes "
                + volumes.stream().map(Volume::name).toList());
      }
    }
    if (startupTimeoutSeconds < 1) {
      violations.add("startup_timeout_seconds: " + startupTimeoutSeconds + " must be at least 1");
    }
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", violations));
    }
  }

  /** The Job's name: readable prefix and the key's digest (see {@link JobNames#of}). */
  public String name() {
    return JobNames.of(kind, key);
  }

  /** The value of the Job's {@code atelier/launch-key} label: only a Job that has it is ours. */
  public String launchKey() {
    return key.digest();
  }

  public static Builder builder(String kind, JobKey key) {
    return new Builder(kind, key);
  }

  /** Insertion-ordered and unmodifiable, so manifests list things in the order they were given. */
  private static <V> Map<String, V> copy(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * Collects a request part by part: what the caller's defaults set first, what the task's
   * arguments give on top (a later value for the same key wins).
   */
  public static final class Builder {
    private final JobKey key;
    private final String kind;
    private String namespace;
    private String image;
    private List<String> cmds = List.of();
    private List<String> arguments = List.of();
    private final Map<String, String> envVars = new LinkedHashMap<>();
    private final List<SecretEnv> secrets = new ArrayList<>();
    private final Map<String, String> requests = new LinkedHashMap<>();
    private final Map<String, String> limits = new LinkedHashMap<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private Affinity affinity;
    private final List<Volume> volumes = new ArrayList<>();
    private final List<Mount> volumeMounts = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String priorityClassName;
    private String serviceAccountName;
    private Boolean automountServiceAccountToken;
    private long startupTimeoutSeconds = DEFAULT_STARTUP_TIMEOUT_SECONDS;
    private Long activeDeadlineSeconds;
    private String queueName;
    private boolean getLogs = true;
    private SpecFile specFile;
    private Path workDir;

    private Builder(String kind, JobKey key) {
      this.kind = kind;
      this.key = key;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder cmds(List<String> cmds) {
      this.cmds = List.copyOf(cmds);
      return this;
    }

    public Builder arguments(List<String> arguments) {
      this.arguments = List.copyOf(arguments);
      return this;
    }

    public Builder envVars(Map<String, String> env) {
      envVars.putAll(env);
      return this;
    }

    public Builder secret(SecretEnv secret) {
      secrets.add(secret);
      return this;
    }

    public Builder request(String resource, String quantity) {
      requests.put(resource, quantity);
      return this;
    }

    public Builder limit(String resource, String quantity) {
      limits.put(resource, quantity);
      return this;
    }

    public Builder nodeSelector(Map<String, String> selector) {
      nodeSelector.putAll(selector);
      return this;
    }

    public Builder toleration(Toleration toleration) {
      tolerations.add(toleration);
      return this;
    }

    public Builder affinity(Affinity affinity) {
      this.affinity = affinity;
      return this;
    }

    public Builder volume(Volume volume) {
      volumes.add(volume);
      return this;
    }

    public Builder volumeMount(Mount mount) {
      volumeMounts.add(mount);
      return this;
    }

    public Builder labels(Map<String, String> more) {
      labels.putAll(more);
      return this;
    }

    public Builder annotations(Map<String, String> more) {
      annotations.putAll(more);
      return this;
    }

    public Builder priorityClassName(String name) {
      this.priorityClassName = name;
      return this;
    }

    public Builder serviceAccountName(String name) {
      this.serviceAccountName = name;
      return this;
    }

    public Builder automountServiceAccountToken(Boolean automount) {
      this.automountServiceAccountToken = automount;
      return this;
    }

    public Builder startupTimeoutSeconds(long seconds) {
      this.startupTimeoutSeconds = seconds;
      return this;
    }

    public Builder activeDeadlineSeconds(Long seconds) {
      this.activeDeadlineSeconds = seconds;
      return this;
    }

    public Builder queueName(String queue) {
      this.queueName = queue;
      return this;
    }

    public Builder getLogs(boolean on) {
      this.getLogs = on;
      return this;
    }

    public Builder specFile(SpecFile file) {
      this.specFile = file;
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** The limit set so far for {@code resource} (e.g. a task's own GPU count), or null. */
    public String limitSoFar(String resource) {
      return limits.get(resource);
    }

    public JobRequest build() {
      return new JobRequest(
          key,
          kind,
          namespace,
          image,
          cmds,
          arguments,
          envVars,
          secrets,
          requests,
          limits,
          nodeSelector,
          tolerations,
          affinity,
          volumes,
          volumeMounts,
          labels,
          annotations,
          priorityClassName,
          serviceAccountName,
          automountServiceAccountToken,
          startupTimeoutSeconds,
          activeDeadlineSeconds,
          queueName,
          getLogs,
          specFile,
          workDir);
    }
  }
}
