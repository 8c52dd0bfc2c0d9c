package dev.atelier.ui.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The app with MLflow's address pointing at a closed port (port 1 on this machine). */
public class MlflowDownProfile implements QuarkusTestProfile {
  static final String CLOSED = "http://127.0.0.1:1";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("atelier.mlflow.uri", CLOSED);
  }
}
