package dev.atelier.cli;

import picocli.CommandLine.Command;

/**
 * {@code ./atelier assets ...}: Airflow 3's assets, which {@code /api/v1} still calls datasets
 * ({@code /api/v1/datasets}).
 */
@Command(
    name = "assets",
    mixinStandardHelpOptions = true,
    description = "Asset (dataset) events.",
    subcommands = {AssetsEvents.class})
final class AssetsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: events");
  }
}
