package dev.atelier.ui.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCommandTest {

  @Test
  void forRoot_builtTrainer_runsItsJarThenItsDependencies(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("trainers/target"));
    Files.writeString(root.resolve("trainers/target/classpath.txt"), "/m2/a.jar:/m2/b.jar\n");

    List<String> command = TrainerCommand.forRoot(root);

    assertTrue(command.get(0).endsWith("/bin/java"));
    assertEquals("-XX:+UseSerialGC", command.get(1));
    assertEquals("-cp", command.get(2));
    assertEquals(
        root.resolve("trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar")
            + ":/m2/a.jar:/m2/b.jar",
        command.get(3));
    assertEquals("dev.atelier.trainers.TrainerMain", command.get(4));
  }

  @Test
  void forRoot_trainerNotBuilt_saysWhichFileIsMissing(@TempDir Path root) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TrainerCommand.forRoot(root));

    assertTrue(
        e.getMessage().contains(root.resolve("trainers/target/classpath.txt").toString()),
        e.getMessage());
  }
}
