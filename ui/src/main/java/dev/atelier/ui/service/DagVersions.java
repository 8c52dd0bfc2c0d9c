package dev.atelier.ui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.DagVersionRow;
import dev.atelier.ui.repository.JsonColumns;
import dev.atelier.workflows.dsl.Dag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Airflow 3's Dag versions: the Dag's JSON form ({@link Dag#toSpec()}) written canonically (object
 * keys sorted at every depth, no whitespace) and digested with SHA-256, beside the build's version
 * ({@code quarkus.application.version}, Airflow's {@code bundle_version}). When either differs from
 * the Dag's latest version, registering the Dag adds the next version number; the same definition
 * registered again (every restart) adds nothing. A run records the latest version when it is
 * created ({@code dag_run.dag_version_id}).
 */
@ApplicationScoped
public class DagVersions {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final DagVersionRepository versions;
  private final String buildVersion;

  DagVersions(
      DagVersionRepository versions,
      @ConfigProperty(name = "quarkus.application.version") String buildVersion) {
    this.versions = versions;
    this.buildVersion = buildVersion;
  }

  /** The Dag's version for its definition now: the latest one, or a new one when it changed. */
  @Transactional
  public DagVersionRow record(Dag dag) {
    String json = canonicalJson(dag);
    String digest = sha256(json);
    versions.lock(dag.dagId());
    var latest = versions.latest(dag.dagId());
    if (latest.isPresent()
        && latest.get().digest().equals(digest)
        && latest.get().bundleVersion().equals(buildVersion)) {
      return latest.get();
    }
    int next = latest.map(v -> v.versionNumber() + 1).orElse(1);
    return versions.insert(dag.dagId(), next, digest, buildVersion, json);
  }

  /** The Dag's JSON form with every object's keys sorted, so equal Dags give equal text. */
  static String canonicalJson(Dag dag) {
    try {
      Object tree = CANONICAL.readValue(JsonColumns.write(dag.toSpec()), Map.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Dag " + dag.dagId() + " has no JSON form", e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
