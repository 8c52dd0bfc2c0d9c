package dev.atelier.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.podjobs.KubernetesPodJobs;
import dev.atelier.activities.podjobs.LocalPodJobs;
import dev.atelier.workflows.activities.KubernetesJobActivities;
import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TrackingActivities;
import dev.atelier.workflows.activities.TrialActivities;
import java.nio.file.Path;
import java.util.List;
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
    assertInstanceOf(LocalPodJobs.class, AtelierActivities.podJobs(config(null)));
    assertInstanceOf(KubernetesPodJobs.class, AtelierActivities.podJobs(config("kubernetes")));
  }

  @Test
  void launcher_unknownName_namesTheChoices() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> AtelierActivities.launcher(config("slurm")));

    assertTrue(
        e.getMessage().equals("launcher: 'slurm' is not one of [local, kubernetes]"),
        e.getMessage());
  }
}
