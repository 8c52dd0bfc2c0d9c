package dev.atelier.trainers;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Makes PyTorch's OpenMP threads sleep instead of spin while they wait. With more runnable threads
 * than cores (several trials on one machine, as in the demo), spinning threads burn the time slices
 * the others need: on 2 busy cores a 2-thread trial fell from ~300 to ~25 images/s. libgomp reads
 * the variable once, when DJL loads it, so it is set in this process's environment before that; a
 * value the operator exported wins.
 */
final class OpenMpWaitPolicy {
  static final String VARIABLE = "OMP_WAIT_POLICY";

  private OpenMpWaitPolicy() {}

  /** The C library's setenv; Java has no way to change its own process environment. */
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }

  static void preferPassive() {
    if (System.getenv(VARIABLE) != null) {
      return;
    }
    try {
      Native.load("c", LibC.class).setenv(VARIABLE, "PASSIVE", 0);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // Not a C library we can reach (not Linux/glibc): keep OpenMP's default, only slower.
    }
  }
}
