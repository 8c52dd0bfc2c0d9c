package dev.atelier.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.workflows.activities.KubernetesJobActivities;
import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TrackingActivities;
import dev.atelier.workflows.activities.TrialActivities;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wiring only: nothing here reaches a service. */
class AtelierActivitiesTest {
  private static ActivitiesConfig config(String launcher) {
    return new ActivitiesConfig(
        "http://127.0.0.1:5000",
        launcher,
        List.of("java", "dev.atelier.trainers.TrainerMain"),
        Path.of("/tmp/atelier"),
        "default",
        "atelier/trainer:dev");
  }

  @Test
  void create_localLauncher_oneImplementationPerActivityInterface() {
    List<Object> activities = AtelierActivities.create(config("local"), null);

    for (Class<?> contract :
        List.of(
            OperatorActivities.class,
            TrialActivities.class,
            TrackingActivities.class,
            PersistenceActivities.class,
            KubernetesJobActivities.class)) {
      assertEquals(
          1, activities.stream().filter(contract::isInstance).count(), contract.getSimpleName());
    }
    assertInstanceOf(LocalProcessJobLauncher.class, AtelierActivities.launcher(config(null)));
    assertInstanceOf(KubernetesJobLauncher.class, AtelierActivities.launcher(config("kubernetes")));
  }

  @Test
  void trialJobs_kubernetesWithSettingsFromTheEnvironment_usesThem() {
    Map<String, String> env =
        Map.of("ATELIER_WORK_PVC", "atelier-work", "ATELIER_TRIAL_SERVICE_ACCOUNT", "trainer");

    var settings = AtelierActivities.trialJobs(config("kubernetes"), env::get);

    assertTrue(settings.kubernetes());
    assertEquals("atelier-work", settings.workClaim());
    assertEquals("trainer", settings.serviceAccount());
    assertEquals("/tmp/djl", settings.environment().get("DJL_CACHE_DIR"), "root fs is read-only");
  }

  @Test
  void trialJobs_configuredClaimAndEnvironmentBoth_configWins() {
    ActivitiesConfig c = config("kubernetes");
    ActivitiesConfig configured =
        new ActivitiesConfig(
            c.mlflowTrackingUri(),
            c.launcher(),
            c.trainerCommand(),
            c.workDir(),
            c.kubernetesNamespace(),
            c.trainerImage(),
            "gpu-queue",
            "configured-claim",
            null,
            null);

    var settings =
        AtelierActivities.trialJobs(configured, Map.of("ATELIER_WORK_PVC", "env-claim")::get);

    assertEquals("configured-claim", settings.workClaim());
    assertNull(settings.serviceAccount());
  }

  @Test
  void launcher_unknownName_namesTheChoices() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> AtelierActivities.launcher(config("slurm")));

    assertEquals("launcher: 'slurm' is not one of [local, kubernetes]", e.getMessage());
  }
}
