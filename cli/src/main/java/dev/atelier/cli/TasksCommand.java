package dev.atelier.cli;

import picocli.CommandLine.Command;

/** {@code ./atelier tasks ...}: Airflow's {@code airflow tasks} commands. */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = "Run one task locally.",
    subcommands = {TasksTest.class})
final class TasksCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: test");
  }
}
