package dev.atelier.trainers.quality;

import dev.atelier.trainers.train.ImageGenerator;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed walk through latent space: from probe latent 0 to 1, 1 to 2, ..., and back to 0 along
 * great circles ({@link Slerp}), rendered as a looping GIF and as a PNG with one row per leg. A
 * smooth walk says the generator's latent space is continuous; sudden jumps or frames that repeat
 * one image are what collapse and memorisation look like in motion.
 */
public final class LatentWalk {
  public static final int DEFAULT_KEYFRAMES = 8;
  public static final int DEFAULT_FRAMES_PER_LEG = 8;
  public static final int FRAME_DELAY_CENTISECONDS = 12;

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
   * @param probeLatents at least {@code keyframes} latent vectors of the generator's size
   */
  public static Rendering render(
      ImageGenerator generator, float[] probeLatents, int keyframes, int framesPerLeg) {
    int size = generator.imageSize();
    float[] z = path(probeLatents, keyframes, generator.latentDim(), framesPerLeg);
    int frames = keyframes * framesPerLeg;
    float[] images = generator.generate(z, frames);
    Images.require(images, frames, size, "walk");
    int scale = Tiles.scaleFor(size, 128);
    int side = size * scale;
    List<BufferedImage> gifFrames = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      BufferedImage frame = Tiles.canvas(side, side);
      Tiles.draw(frame, images, i, size, 0, 0, scale);
      gifFrames.add(frame);
    }
    BufferedImage strip = Tiles.canvas(framesPerLeg * size, keyframes * size);
    for (int i = 0; i < frames; i++) {
      Tiles.draw(strip, images, i, size, (i % framesPerLeg) * size, (i / framesPerLeg) * size, 1);
    }
    return new Rendering(
        AnimatedGif.encode(gifFrames, FRAME_DELAY_CENTISECONDS), Tiles.png(strip), frames);
  }
}
