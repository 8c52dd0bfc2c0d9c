package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerAllocatorTest {
  @TempDir Path dir;

  @Test
  void environment_libraryInstalled_preloadsItAndKeepsFreedPages() throws IOException {
    Path missing = dir.resolve("absent/libjemalloc.so.2");
    Path present = Files.createFile(dir.resolve("libjemalloc.so.2"));

    Map<String, String> env = TrainerAllocator.environment(null, List.of(missing, present));

    assertEquals(
        Map.of("LD_PRELOAD", present.toString(), "MALLOC_CONF", TrainerAllocator.MALLOC_CONF), env);
  }

  @Test
  void forModel_r3gan_runsOnGlibcOthersKeepJemalloc() {
    Map<String, String> env =
        Map.of("LD_PRELOAD", "/lib/libjemalloc.so.2", "MALLOC_CONF", "x", "DJL_OFFLINE", "true");

    assertEquals(Map.of("DJL_OFFLINE", "true"), TrainerAllocator.forModel(env, "r3gan"));
    assertEquals(env, TrainerAllocator.forModel(env, "stylegan2"));
    assertEquals(env, TrainerAllocator.forModel(env, "dcgan64"));
  }

  @Test
  void environment_noLibrary_leavesGlibc() {
    assertEquals(
        Map.of(), TrainerAllocator.environment(null, List.of(dir.resolve("libjemalloc.so.2"))));
  }

  @Test
  void environment_optedOut_leavesGlibcEvenWhenInstalled() throws IOException {
    Path present = Files.createFile(dir.resolve("libjemalloc.so.2"));

    assertEquals(Map.of(), TrainerAllocator.environment("glibc", List.of(present)));
  }
}
