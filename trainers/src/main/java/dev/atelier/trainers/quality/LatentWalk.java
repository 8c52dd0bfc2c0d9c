package dev.atelier.trainers.quality;

import dev.atelier.trainers.train.ImageGenerator;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A closed walk through latent space: from probe latent 0 to 1, 1 to 2, ..., and back to 0 along
 * great circles ({@link Slerp}), rendered as a looping GIF and as a PNG with one row per leg. A
 * smooth walk says the generator's latent space is continuous; sudden jumps or frames that repeat
 * one image are what collapse and memorisation look like in motion. A conditional generator walks
 * the same path once per class, side by side, so what a latent means can be told apart from what
 * the class adds.
 */
public final class LatentWalk {
  public static final int DEFAULT_KEYFRAMES = 8;
  public static final int DEFAULT_FRAMES_PER_LEG = 8;
  public static final int FRAME_DELAY_CENTISECONDS = 12;

  /** Classes a conditional generator's walk shows by default: its sample grid's 8 rows. */
  public static final int DEFAULT_CLASSES = 8;

  /** Pixels between the walks of two classes. */
  static final int GAP = 4;

  /** The two pictures of one walk. */
  public record Rendering(byte[] gif, byte[] png, int frames) {}

  private LatentWalk() {}

  /**
   * The walk's latents, {@code keyframes * framesPerLeg} rows: leg s runs from keyframe s at t = 0
   * up to (not including) keyframe s + 1, so every frame is distinct and the loop closes.
   */
  public static float[] path(float[] latents, int keyframes, int latentDim, int framesPerLeg) {
    if (keyframes < 2 || latents.length < keyframes * latentDim) {
      throw new IllegalArgumentException(
          "walk_keyframes: "
              + keyframes
              + " must be >= 2 and at most the probe count ("
              + latents.length / Math.max(1, latentDim)
              + ")");
    }
    if (framesPerLeg < 1) {
      throw new IllegalArgumentException("walk_frames: " + framesPerLeg + " must be >= 1");
    }
    float[] out = new float[keyframes * framesPerLeg * latentDim];
    float[] a = new float[latentDim];
    float[] b = new float[latentDim];
    for (int s = 0; s < keyframes; s++) {
      System.arraycopy(latents, s * latentDim, a, 0, latentDim);
      System.arraycopy(latents, ((s + 1) % keyframes) * latentDim, b, 0, latentDim);
      for (int f = 0; f < framesPerLeg; f++) {
        float[] z = Slerp.between(a, b, (double) f / framesPerLeg);
        System.arraycopy(z, 0, out, (s * framesPerLeg + f) * latentDim, latentDim);
      }
    }
    return out;
  }

  /**
   * The walk as the trial renders it at its end: for a conditional generator, of its first {@value
   * #DEFAULT_CLASSES} classes (the rows of its sample grid), see {@link #render(ImageGenerator,
   * float[], int, int, int[])}.
   *
   * @param probeLatents at least {@code keyframes} latent vectors of the generator's size
   */
  public static Rendering render(
      ImageGenerator generator, float[] probeLatents, int keyframes, int framesPerLeg) {
    return render(generator, probeLatents, keyframes, framesPerLeg, defaultClasses(generator));
  }

  /** The classes a conditional generator's walk shows unless told: the grid's rows. */
  public static int[] defaultClasses(ImageGenerator generator) {
    int n = Math.min(DEFAULT_CLASSES, generator.classNames().size());
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = i;
    }
    return classes;
  }

  /**
   * A walk of every class in {@code classes}, all along the same latent path: each GIF frame shows
   * them left to right (one tile per class, so the tiles change class but never latent), and the
   * PNG has one band per class, top to bottom, each one row per leg. With one class, or none for an
   * unconditional generator, it is a single walk.
   *
   * @param classes label indices of a conditional generator, in the order shown; empty for an
   *     unconditional generator
   */
  public static Rendering render(
      ImageGenerator generator,
      float[] probeLatents,
      int keyframes,
      int framesPerLeg,
      int[] classes) {
    if (classes.length == 0 && !generator.classNames().isEmpty()) {
      throw new IllegalArgumentException("a conditional generator's walk needs classes");
    }
    int size = generator.imageSize();
    int dim = generator.latentDim();
    float[] z = path(probeLatents, keyframes, dim, framesPerLeg);
    int frames = keyframes * framesPerLeg;
    int walks = Math.max(1, classes.length);
    float[] images;
    if (classes.length == 0) {
      images = generator.generate(z, frames);
    } else {
      // Class-major: walk c is images c * frames ... (c + 1) * frames - 1.
      float[] latents = new float[walks * z.length];
      int[] labels = new int[walks * frames];
      for (int c = 0; c < walks; c++) {
        System.arraycopy(z, 0, latents, c * z.length, z.length);
        Arrays.fill(labels, c * frames, (c + 1) * frames, classes[c]);
      }
      images = generator.generate(latents, labels, walks * frames);
    }
    Images.require(images, walks * frames, size, "walk");
    int scale = Tiles.scaleFor(size, 128);
    int side = size * scale;
    int gap = walks > 1 ? GAP : 0;
    List<BufferedImage> gifFrames = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      BufferedImage frame = Tiles.canvas(walks * side + (walks - 1) * gap, side);
      for (int c = 0; c < walks; c++) {
        Tiles.draw(frame, images, c * frames + i, size, c * (side + gap), 0, scale);
      }
      gifFrames.add(frame);
    }
    int band = keyframes * size;
    BufferedImage strip = Tiles.canvas(framesPerLeg * size, walks * band + (walks - 1) * gap);
    for (int c = 0; c < walks; c++) {
      for (int i = 0; i < frames; i++) {
        Tiles.draw(
            strip,
            images,
            c * frames + i,
            size,
            (i % framesPerLeg) * size,
            c * (band + gap) + (i / framesPerLeg) * size,
            1);
      }
    }
    return new Rendering(
        AnimatedGif.encode(gifFrames, FRAME_DELAY_CENTISECONDS), Tiles.png(strip), frames);
  }
}
