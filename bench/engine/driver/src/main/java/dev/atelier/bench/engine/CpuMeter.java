package dev.atelier.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU spent during a scenario: by this JVM (driver, worker, task functions), by the Temporal server
 * (when its pid is known) and by the whole machine, which on a shared box includes other people's
 * work. Linux only; where /proc cannot be read the figures are -1.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long temporalPid;
  private long wall0;
  private double jvm0;
  private double temporal0;
  private double machineBusy0;

  CpuMeter(long temporalPid) {
    this.temporalPid = temporalPid;
  }

  void start() {
    wall0 = System.nanoTime();
    jvm0 = jvmSeconds();
    temporal0 = processSeconds(temporalPid);
    machineBusy0 = machineBusySeconds();
  }

  /** Cores busy on average since {@link #start()}: jvm, temporal, machine. */
  Usage stop() {
    double wall = (System.nanoTime() - wall0) / 1e9;
    return new Usage(
        (jvmSeconds() - jvm0) / wall,
        temporalPid > 0 ? (processSeconds(temporalPid) - temporal0) / wall : -1,
        (machineBusySeconds() - machineBusy0) / wall);
  }

  record Usage(double jvmCores, double temporalCores, double machineCores) {}

  private static double jvmSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return 0;
  }

  private static double processSeconds(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle and iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
