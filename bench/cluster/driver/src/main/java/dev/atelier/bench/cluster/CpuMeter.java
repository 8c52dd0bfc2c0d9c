package dev.atelier.bench.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds spent during a window: by this JVM (com.sun.management's process CPU time: every
 * thread, the fabric8 client's I/O threads, GC and JIT included), by named processes (the control
 * plane's, from /proc; each named by its pid file, read when the window starts), and by the whole
 * machine, which on a shared box includes other people's work. Linux only; what cannot be read is
 * -1. A process whose pid file names another process at the end of the window, or that is gone, was
 * restarted during it: {@link #restarted()} names it.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Map<String, Path> pidFiles;
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private long wall0;
  private double jvm0;
  private double machine0;
  private final Map<String, Double> process0 = new LinkedHashMap<>();

  CpuMeter(Map<String, Path> pidFiles) {
    this.pidFiles = pidFiles;
  }

  void start() {
    pids.clear();
    pidFiles.forEach((name, file) -> pids.put(name, readPid(file)));
    pids.forEach((name, pid) -> process0.put(name, processSeconds(pid)));
    machine0 = machineBusySeconds();
    jvm0 = jvmSeconds();
    wall0 = System.nanoTime();
  }

  /** CPU seconds since {@link #start()}: "wall", "jvm", "machine" and each named process. */
  Map<String, Double> stop() {
    double wall = (System.nanoTime() - wall0) / 1e9;
    double jvm = jvmSeconds() - jvm0;
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("wall", wall);
    out.put("jvm", jvm);
    out.put("machine", machineBusySeconds() - machine0);
    pids.forEach(
        (name, pid) -> {
          double now = processSeconds(pid);
          out.put(name, now < 0 || process0.get(name) < 0 ? -1 : now - process0.get(name));
        });
    return out;
  }

  /** The processes that were not the same, or not alive, at the end of the window. */
  java.util.List<String> restarted() {
    java.util.List<String> out = new java.util.ArrayList<>();
    pids.forEach(
        (name, pid) -> {
          if (pid != readPid(pidFiles.get(name)) || processSeconds(pid) < 0) {
            out.add(name);
          }
        });
    return out;
  }

  private static long readPid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double jvmSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return -1;
  }

  static double processSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
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
      return -1;
    }
  }
}
