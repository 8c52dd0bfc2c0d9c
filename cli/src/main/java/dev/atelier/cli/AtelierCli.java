package dev.atelier.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Atelier's Airflow-style CLI, a client of the running app's {@code /api/v1} (Airflow 2's stable
 * API) and of {@code /auth/token}; {@code tasks test} alone runs in this process. picocli parses
 * every command line, writes each {@code --help} and refuses bad arguments (exit 2, naming the
 * argument); {@link ExitCodes} says what each exit code means. The {@code atelier} script runs it
 * as {@code ./atelier dags|tasks|assets|backfill|auth ...}.
 */
@Command(
    name = "./atelier",
    mixinStandardHelpOptions = true,
    version = "atelier-cli 0.1.0",
    description = "Airflow-style commands against the running app (ATELIER_URL).",
    subcommands = {
      DagsCommand.class,
      TasksCommand.class,
      AssetsCommand.class,
      BackfillCommand.class,
      AuthCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AtelierCli implements Runnable {
  private final Map<String, String> env;

  @picocli.CommandLine.Spec CommandSpec spec;

  AtelierCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: dags, tasks, assets, backfill or auth");
  }

  /** The environment the command was started with (tests give their own). */
  static Map<String, String> env(CommandSpec anyCommand) {
    return ((AtelierCli) anyCommand.root().userObject()).env;
  }

  /** The whole command tree, with its error handling and the exit codes in every help. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new AtelierCli(env));
    cli.setParameterExceptionHandler(AtelierCli::usageError);
    cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, command.getErr()));
    cli.setUsageHelpAutoWidth(true);
    footers(cli);
    return cli;
  }

  private static void footers(CommandLine command) {
    command.getCommandSpec().usageMessage().footer(ExitCodes.HELP);
    command.getSubcommands().values().forEach(AtelierCli::footers);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("atelier: " + path(command) + ": " + e.getMessage());
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
    }
    err.println("try: " + command.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int failure(Exception e, CommandLine command, PrintWriter err) {
    if (e instanceof CliFailure failure) {
      err.println("atelier: " + path(command) + ": " + failure.getMessage());
      err.flush();
      return failure.exitCode();
    }
    err.println("atelier: " + path(command) + ": unexpected " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }

  /** {@code dags trigger} for {@code ./atelier dags trigger}. */
  private static String path(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    return name.startsWith("./atelier ") ? name.substring("./atelier ".length()) : name;
  }

  public static void main(String[] args) {
    // Temporal's SDK (tasks test) logs through slf4j-simple: warnings only, on stderr.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(commandLine(System.getenv()).execute(args));
  }
}
