package dev.atelier.activities.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Params are read by people in MLflow's UI and ours; they must also match the trainer's text. */
class ParamValueTest {
  @Test
  void paramValue_numbers_printAsPlainDecimals() {
    assertEquals("0.0002", MlflowRuns.paramValue(0.0002));
    assertEquals("0.0001", MlflowRuns.paramValue(1.0e-4));
    assertEquals("300", MlflowRuns.paramValue(300.0));
    assertEquals("64", MlflowRuns.paramValue(64));
    assertEquals("0.5", MlflowRuns.paramValue(0.5f));
    assertEquals("dcgan32", MlflowRuns.paramValue("dcgan32"));
  }
}
