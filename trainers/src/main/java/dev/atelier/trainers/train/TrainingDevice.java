package dev.atelier.trainers.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where every network, tensor and feature extractor of a trainer process lives: one device, chosen
 * once, so GPU and CPU runs take the same code path. {@code ATELIER_DEVICE} (environment variable)
 * chooses: {@code auto} (the default) takes the engine's default device, the first GPU when the
 * PyTorch natives have CUDA and the machine a GPU, the CPU otherwise; {@code cpu} forces the CPU;
 * {@code gpu} demands a GPU and fails the trial, saying why, when there is none, so a Kubernetes
 * Job that asked for a GPU never trains on the CPU unnoticed (the Job launcher sets it so).
 */
public final class TrainingDevice {
  public static final String VARIABLE = "ATELIER_DEVICE";

  private static volatile Device chosen;

  private TrainingDevice() {}

  public static Device get() {
    Device d = chosen;
    if (d == null) {
      synchronized (TrainingDevice.class) {
        if (chosen == null) {
          chosen = choose(System.getenv(VARIABLE), Engine.getEngine("PyTorch").getGpuCount());
        }
        d = chosen;
      }
    }
    return d;
  }

  /**
   * @throws IllegalStateException naming the variable, its value and the rule it breaks
   */
  static Device choose(String setting, int gpus) {
    String s = setting == null || setting.isBlank() ? "auto" : setting.toLowerCase(Locale.ROOT);
    switch (s) {
      case "cpu":
        return Device.cpu();
      case "auto":
        return gpus > 0 ? Device.gpu() : Device.cpu();
      case "gpu":
        if (gpus == 0) {
          throw new IllegalStateException(
              VARIABLE
                  + ": 'gpu' but the PyTorch engine sees no GPU (CPU-only natives, or no CUDA"
                  + " device in this container)");
        }
        return Device.gpu();
      default:
        throw new IllegalStateException(
            VARIABLE + ": '" + setting + "' is not one of auto, cpu, gpu");
    }
  }
}
