package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class TrainingDeviceTest {
  @Test
  void choose_autoOrUnset_gpuWhenTheEngineHasOneElseCpu() {
    assertEquals(Device.cpu(), TrainingDevice.choose(null, 0));
    assertEquals(Device.cpu(), TrainingDevice.choose("auto", 0));
    assertEquals(Device.gpu(), TrainingDevice.choose("auto", 2));
  }

  @Test
  void choose_cpu_cpuEvenWithAGpu() {
    assertEquals(Device.cpu(), TrainingDevice.choose("CPU", 1));
  }

  @Test
  void choose_gpuWithoutOne_failsNamingTheVariableAndWhy() {
    var e = assertThrows(IllegalStateException.class, () -> TrainingDevice.choose("gpu", 0));
    assertEquals(
        "ATELIER_DEVICE: 'gpu' but the PyTorch engine sees no GPU (CPU-only natives, or no CUDA"
            + " device in this container)",
        e.getMessage());
  }

  @Test
  void choose_unknown_failsListingTheChoices() {
    var e = assertThrows(IllegalStateException.class, () -> TrainingDevice.choose("tpu", 0));
    assertEquals("ATELIER_DEVICE: 'tpu' is not one of auto, cpu, gpu", e.getMessage());
  }

  @Test
  void get_onThisMachinesCpuNatives_theCpu() {
    assertEquals(Device.cpu(), TrainingDevice.get());
  }
}
