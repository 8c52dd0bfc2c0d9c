package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./atelier down --help} prints help and stops nothing; {@code demo --help} prints help and
 * starts nothing: the commands that start or stop services answer --help before they act.
 */
class AtelierHelpScriptTest {
  private static final Path ATELIER = Path.of("..", "atelier").toAbsolutePath().normalize();

  @TempDir Path home;

  private String run(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = ATELIER.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().put("ATELIER_DIR", home.toString());
    Process p = b.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "answers at once");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void downHelp_printsItsUsage_andStopsNothing() throws Exception {
    // A stand-in for a demo app: `down` would kill the pid in demo/app.pid.
    Process app = new ProcessBuilder("sleep", "30").start();
    try {
      Files.createDirectories(home.resolve("demo"));
      Files.writeString(home.resolve("demo/app.pid"), Long.toString(app.pid()));
      String out = run("down", "--help");
      assertTrue(out.startsWith("usage: ./atelier down\n"), out);
      assertTrue(out.contains("stop everything"), out);
      assertFalse(out.contains("atelier: stopped"), out);
      assertTrue(app.isAlive(), "down --help stopped nothing");
    } finally {
      app.destroyForcibly();
    }
  }

  @Test
  void demoHelp_printsItsUsage_andStartsNothing() throws Exception {
    String out = run("demo", "--help");
    assertTrue(out.startsWith("usage: ./atelier demo [--dag D] [--conf JSON]\n"), out);
    assertFalse(Files.exists(home.resolve("demo")), "no demo folder: nothing was started");
    assertTrue(run("test", "-h").startsWith("usage: ./atelier test\n"));
  }
}
