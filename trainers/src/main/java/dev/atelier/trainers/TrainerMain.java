package dev.atelier.trainers;

import dev.atelier.trainers.train.SampleHook;
import dev.atelier.trainers.train.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Process entry point of the trainer. It sets DJL's environment before any DJL class loads, turns
 * SIGTERM into "checkpoint, then exit 75" through a shutdown hook, and otherwise delegates to
 * {@link TrialRunner}.
 */
public final class TrainerMain {
  /** How long SIGTERM waits for the checkpoint; Kubernetes' default grace period is 30 s. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(25);

  private TrainerMain() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 1 ? System.out : System.err).print(HelpText.TEXT);
      System.exit(args.length == 1 ? 0 : ExitStatus.BAD_SPEC.code());
    }
    DjlEnvironment.prepare(Path.of(args[0]));
    StopSignal stop = new StopSignal();
    CountDownLatch finished = new CountDownLatch(1);
    int[] code = {ExitStatus.INTERRUPTED.code()};
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (finished.getCount() == 0) {
                    return; // a normal exit
                  }
                  stop.request(java.time.Instant.now().plus(STOP_GRACE));
                  try {
                    finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  // exit() from main would block now that shutdown has begun; halt sets the code.
                  Runtime.getRuntime().halt(code[0]);
                },
                "trainer-stop"));
    boolean terminal = isTerminal();
    code[0] =
        new TrialRunner(System.out, System.err, stop, spec -> SampleHook.NONE, terminal)
            .run(Path.of(args[0]));
    finished.countDown();
    System.exit(code[0]);
  }

  /**
   * Whether stdout is a terminal. On Java 17 {@code System.console()} is null unless both stdin and
   * stdout are; from Java 22 it may be non-null anyway, and {@code Console.isTerminal()} says.
   */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22: a console exists only for a terminal
    }
  }
}
