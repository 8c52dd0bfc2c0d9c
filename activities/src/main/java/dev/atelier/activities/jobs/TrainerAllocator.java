package dev.atelier.activities.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The native allocator a trainer process runs with. glibc's malloc hands the step's large,
 * short-lived tensors back to the kernel and faults them in again on the next step (~150,000 page
 * faults a step for DCGAN-64); jemalloc told to keep freed pages spends ~25 instead of ~30–40 CPU
 * ms per image, at ~260 MiB more resident memory that stays flat (bench/README.md, "Findings"). It
 * is used when Debian's {@code libjemalloc2} is installed ({@code ./atelier} installs it) and the
 * variable {@code ATELIER_TRAINER_ALLOCATOR} is not {@code glibc}.
 *
 * <p>Except for the models in {@link #GLIBC_MODELS}: an r3gan trial's resident memory grows about 8
 * MB a step for as long as it runs under jemalloc keeping freed pages (1.4 GB at step 37, 2.4 GB at
 * step 165), where glibc keeps it flat (1.2 GB) for ~15% more wall time, and jemalloc returning
 * pages after a second ({@code dirty_decay_ms:1000}) took twice the wall time, most of it in the
 * kernel (trainers/README.md, "R3GAN", Memory).
 */
public final class TrainerAllocator {
  /** Never return freed pages to the kernel: the next step needs the same sizes again. */
  static final String MALLOC_CONF = "dirty_decay_ms:-1,muzzy_decay_ms:-1";

  private static final List<Path> CANDIDATES =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
          Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"),
          Path.of("/usr/lib64/libjemalloc.so.2"),
          Path.of("/usr/lib/libjemalloc.so.2"));

  /** Models that run on glibc: under jemalloc keeping freed pages their memory keeps growing. */
  static final Set<String> GLIBC_MODELS = Set.of("r3gan");

  private TrainerAllocator() {}

  /** {@code environment} without jemalloc's variables when {@code model} runs on glibc. */
  public static Map<String, String> forModel(Map<String, String> environment, Object model) {
    if (!GLIBC_MODELS.contains(String.valueOf(model))) {
      return environment;
    }
    Map<String, String> out = new HashMap<>(environment);
    out.remove("LD_PRELOAD");
    out.remove("MALLOC_CONF");
    return Map.copyOf(out);
  }

  /** LD_PRELOAD and MALLOC_CONF for jemalloc, or nothing (glibc) when it is absent or opted out. */
  public static Map<String, String> environment() {
    return environment(System.getenv("ATELIER_TRAINER_ALLOCATOR"), CANDIDATES);
  }

  static Map<String, String> environment(String choice, List<Path> candidates) {
    if ("glibc".equals(choice)) {
      return Map.of();
    }
    Optional<Path> library = candidates.stream().filter(Files::isRegularFile).findFirst();
    return library
        .map(p -> Map.of("LD_PRELOAD", p.toString(), "MALLOC_CONF", MALLOC_CONF))
        .orElse(Map.of());
  }
}
