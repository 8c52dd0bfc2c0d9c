package dev.atelier.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python of {@code ./atelier}'s venv ({@code .atelier/venv}, from {@code
 * scripts/requirements.txt}), and the tools installed in it, for tests that drive the app from
 * Python (Airflow's own client, schemathesis).
 */
public final class VenvPython {
  private VenvPython() {}

  /**
   * {@code ATELIER_PYTHON} (./atelier test exports it), else the venv beside {@code ATELIER_HOME}'s
   * parent as ./atelier lays it out.
   */
  public static String python() {
    String explicit = System.getenv("ATELIER_PYTHON");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String home = System.getenv("ATELIER_HOME");
    if (home != null) {
      Path venv = Path.of(home).toAbsolutePath().getParent().resolve("venv/bin/python");
      if (Files.isExecutable(venv)) {
        return venv.toString();
      }
    }
    throw new IllegalStateException(
        "ATELIER_PYTHON is not set and no venv was found beside ATELIER_HOME: run the suite with"
            + " ./atelier test, which installs scripts/requirements.txt into .atelier/venv");
  }

  /** A console script of the venv ({@code st} for schemathesis), beside its python. */
  public static String tool(String name) {
    Path tool = Path.of(python()).resolveSibling(name);
    if (!Files.isExecutable(tool)) {
      throw new IllegalStateException(
          tool
              + " is missing: ./atelier setup installs it from scripts/requirements.txt into the"
              + " venv");
    }
    return tool.toString();
  }
}
