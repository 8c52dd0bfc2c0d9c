package dev.atelier.ui.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trainer CLI as a launcher runs it. Locally: the trainer's jar plus the dependency class path
 * that its build wrote to {@code trainers/target/classpath.txt}. On Kubernetes: the trainer image's
 * own command (trainers/pom.xml, profile {@code image}: Jib writes the class path to {@code
 * /app/jib-classpath-file}). The serial GC keeps a trainer's footprint small when several share a
 * small machine.
 */
public final class TrainerCommand {
  static final String MAIN_CLASS = "dev.atelier.trainers.TrainerMain";
  static final String JAR = "trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar";
  static final String CLASSPATH_FILE = "trainers/target/classpath.txt";

  /** The trainer image's entry point; the launcher appends the spec's path. */
  static final List<String> IMAGE_COMMAND =
      List.of("java", "-XX:+UseSerialGC", "-cp", "@/app/jib-classpath-file", MAIN_CLASS);

  private TrainerCommand() {}

  /** The command for {@code launcher}: the image's on Kubernetes, this checkout's build locally. */
  public static List<String> forLauncher(String launcher, Path root) {
    return "kubernetes".equals(launcher) ? IMAGE_COMMAND : forRoot(root);
  }

  /**
   * @throws IllegalStateException naming the file when the trainer has not been built
   */
  public static List<String> forRoot(Path root) {
    Path absRoot = root.toAbsolutePath().normalize();
    Path classpathFile = absRoot.resolve(CLASSPATH_FILE);
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          "atelier.root: "
              + classpathFile
              + " does not exist; build the trainer first (mvn -pl trainers install)");
    }
    String dependencies;
    try {
      dependencies = Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + classpathFile, e);
    }
    String classpath = absRoot.resolve(JAR) + (dependencies.isEmpty() ? "" : ":" + dependencies);
    return List.of(javaBinary(), "-XX:+UseSerialGC", "-cp", classpath, MAIN_CLASS);
  }

  /** The same JVM that runs the app, so a trainer never depends on what is first on PATH. */
  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
