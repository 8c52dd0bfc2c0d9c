package dev.atelier.trainers;

import dev.atelier.trainers.sr.Upscale;

/**
 * Process entry point of {@code upscale} ({@code ./atelier upscale}): DJL's environment first, as
 * for the trainer, then {@link Upscale}.
 */
public final class UpscaleMain {
  private UpscaleMain() {}

  public static void main(String[] args) {
    DjlEnvironment.prepare();
    System.exit(new Upscale(System.out, System.err).run(args));
  }
}
