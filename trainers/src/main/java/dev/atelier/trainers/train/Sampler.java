package dev.atelier.trainers.train;

import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.image.SampleGrid;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A sample step: the probe grid (the sweep's fixed latents), then the built-in {@code fd_diag_rgb8}
 * and any other {@link SampleHook}, all drawn by the exported generator in inference mode
 * (BatchNorm uses its running statistics, as a loaded checkpoint would).
 *
 * <p>A conditional generator's grid has one row per class (the first 8 classes), each row drawn
 * from the same first 8 probe latents, so a column shows one latent across classes; images for
 * hooks get the classes in turn (image i is class i mod classes). A progressively grown generator
 * draws at its current resolution, and its images are doubled (nearest neighbour) to the full size
 * for the grid and the hooks; the step's {@code resolution} metric says which it was. A stylegan2
 * generator draws its grid at {@code probe.truncation} and adds a {@link StyleMixingSheet}.
 */
final class Sampler implements ImageGenerator {
  private final TrialSpec spec;
  private final ImageDataset data;
  private final List<String> classes;
  private final NetworkImages images;
  private final SampleHook hooks;

  Sampler(
      TrialSpec spec,
      ImageDataset data,
      Network generator,
      List<String> classes,
      NDManager root,
      SampleHook hook) {
    this.spec = spec;
    this.data = data;
    this.classes = classes;
    this.images =
        new NetworkImages(generator, root, classes, spec.hyperparams().latentDim(), data.size());
    this.hooks = SampleHook.all(List.of(new FdDiagHook(), hook));
  }

  record Sample(byte[] gridPng, SampleOutput output) {}

  Sample sample(int step) throws IOException {
    if (images.generator().block instanceof StyleGan2Generator sg) {
      // The grid and the sheet at the probe's truncation, the hooks' metrics at none.
      double psi = spec.probe().truncation();
      byte[] grid;
      byte[] sheet;
      sg.truncation(psi);
      try {
        grid = probeGrid();
      } finally {
        sg.truncation(1);
      }
      sheet = StyleMixingSheet.png(sg, images.root(), spec.probe().seed(), psi, imageSize());
      SampleOutput out = hooks.onSample(new SampleContext(step, this, data, spec));
      return new Sample(
          grid, out.plus(new SampleOutput(Map.of(), Map.of(StyleMixingSheet.path(step), sheet))));
    }
    byte[] grid = classes.isEmpty() ? probeGrid() : classGrid();
    return new Sample(grid, hooks.onSample(new SampleContext(step, this, data, spec)));
  }

  private byte[] probeGrid() {
    int count = spec.probe().count();
    float[] probe = generate(ProbeLatents.draw(spec.probe().seed(), count, latentDim()), count);
    return SampleGrid.png(probe, count, imageSize());
  }

  /** Row r: class r; column c: probe latent c, the same in every row; black where none. */
  private byte[] classGrid() {
    int side = SampleGrid.SIDE;
    int cols = Math.min(side, spec.probe().count());
    int rows = Math.min(side, classes.size());
    float[] probe = ProbeLatents.draw(spec.probe().seed(), cols, latentDim());
    float[] latents = new float[rows * cols * latentDim()];
    int[] labels = new int[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(probe, 0, latents, r * cols * latentDim(), probe.length);
      Arrays.fill(labels, r * cols, (r + 1) * cols, r);
    }
    float[] images = generate(latents, labels, rows * cols);
    int len = 3 * imageSize() * imageSize();
    float[] tiles = new float[side * side * len];
    Arrays.fill(tiles, -1f);
    for (int i = 0; i < rows * cols; i++) {
      System.arraycopy(images, i * len, tiles, ((i / cols) * side + i % cols) * len, len);
    }
    return SampleGrid.png(tiles, side * side, imageSize());
  }

  @Override
  public int latentDim() {
    return images.latentDim();
  }

  @Override
  public int imageSize() {
    return images.imageSize();
  }

  @Override
  public float[] generate(float[] latents, int count) {
    return images.generate(latents, count);
  }

  @Override
  public List<String> classNames() {
    return classes;
  }

  @Override
  public float[] generate(float[] latents, int[] labels, int count) {
    return images.generate(latents, labels, count);
  }
}
