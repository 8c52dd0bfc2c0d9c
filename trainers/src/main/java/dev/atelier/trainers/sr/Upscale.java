package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDManager;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.CheckpointGenerator;
import dev.atelier.trainers.train.ClassChoice;
import dev.atelier.trainers.train.ProbeLatents;
import dev.atelier.trainers.train.TrainingDevice;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The {@code upscale} command as a function: arguments in, exit code out. Enlarges a GAN
 * generator's samples (any family, drawn from seeded latents) or a folder of images 4x with a
 * trained SR generator, writes one PNG per image and {@code contact_sheet.png} (input enlarged by
 * nearest neighbour | SR output, for up to {@value #SHEET_MAX} images of the first image's size).
 */
public final class Upscale {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_ARGS = 2;
  static final int SHEET_MAX = 64;
  static final String SHEET = "contact_sheet.png";
  private static final int GAN_CHUNK = 64;

  private final PrintStream out;
  private final PrintStream err;

  public Upscale(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] argv) {
    if (argv.length == 1 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
      out.print(UpscaleHelp.TEXT);
      return OK;
    }
    UpscaleArgs.Parsed parsed = UpscaleArgs.parse(argv);
    if (parsed.args().isEmpty()) {
      return bad(parsed.violations());
    }
    UpscaleArgs a = parsed.args().get();
    try (NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
        CheckpointFiles.Sr sr = CheckpointFiles.sr(a.sr())) {
      List<InputImages.Image> images;
      if (a.generator().isPresent()) {
        images = samples(a);
      } else {
        InputImages.Loaded loaded = InputImages.load(a.images().get(), a.background());
        loaded.skipped().forEach(s -> err.println("warning: skipped " + s));
        if (loaded.images().isEmpty()) {
          return bad(List.of("--images: '" + a.images().get() + "' holds no usable images"));
        }
        images = loaded.images();
      }
      Files.createDirectories(a.out());
      write(images, sr, root, a.out());
      return OK;
    } catch (CheckpointFiles.Unusable e) {
      return bad(List.of(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      e.printStackTrace(err);
      err.println("upscale failed: " + e);
      return FAILED;
    }
  }

  private int bad(List<String> violations) {
    err.println("bad arguments to upscale:");
    violations.forEach(v -> err.println("  " + v));
    err.println("usage: " + UpscaleHelp.USAGE);
    return BAD_ARGS;
  }

  /**
   * The GAN generator's images for latents drawn from the seed, in inference mode, through the
   * loader and drawing path the walk command and the trial's sample steps share ({@link
   * CheckpointGenerator}): every family, a conditional one by class, progan at its saved stage.
   */
  private List<InputImages.Image> samples(UpscaleArgs a)
      throws CheckpointFiles.Unusable, IOException {
    CheckpointGenerator loaded;
    try {
      loaded = CheckpointGenerator.open(a.generator().get());
    } catch (IllegalArgumentException e) {
      throw new CheckpointFiles.Unusable("--generator: " + e.getMessage());
    }
    try (CheckpointGenerator gan = loaded) {
      List<String> classes = gan.classNames();
      int[] labels = new int[a.count()];
      if (a.className().isPresent()) {
        int label;
        try {
          label = ClassChoice.resolve("--class", List.of(a.className().get()), gan, gan.model())[0];
        } catch (IllegalArgumentException e) {
          throw new CheckpointFiles.Unusable(e.getMessage());
        }
        Arrays.fill(labels, label);
      } else {
        for (int i = 0; i < a.count() && !classes.isEmpty(); i++) {
          labels[i] = i % classes.size();
        }
      }
      int size = gan.imageSize();
      int len = 3 * size * size;
      float[] z = ProbeLatents.draw(a.seed(), a.count(), gan.latentDim());
      int dim = gan.latentDim();
      List<InputImages.Image> images = new ArrayList<>();
      // In chunks, so a few thousand large samples never sit in memory twice.
      for (int from = 0; from < a.count(); from += GAN_CHUNK) {
        int n = Math.min(GAN_CHUNK, a.count() - from);
        float[] zs = Arrays.copyOfRange(z, from * dim, (from + n) * dim);
        float[] px =
            classes.isEmpty()
                ? gan.generate(zs, n)
                : gan.generate(zs, Arrays.copyOfRange(labels, from, from + n), n);
        for (int k = 0; k < n; k++) {
          String name = String.format(Locale.ROOT, "sample_%04d", from + k);
          if (!classes.isEmpty()) {
            name += "_" + ClassChoice.fileSafe(classes.get(labels[from + k]));
          }
          images.add(
              new InputImages.Image(
                  name, Arrays.copyOfRange(px, k * len, (k + 1) * len), size, size));
        }
      }
      out.printf(
          "drew %d samples (%s) from the %s generator in %s with seed %d%s%n",
          a.count(),
          gan.stage().orElse(size + "x" + size),
          gan.model(),
          a.generator().get(),
          a.seed(),
          classes.isEmpty()
              ? ""
              : a.className()
                  .map(c -> ", all of class " + c)
                  .orElse(", classes in turn (" + classes.size() + ")"));
      return images;
    }
  }

  private void write(
      List<InputImages.Image> images, CheckpointFiles.Sr sr, NDManager root, Path dir)
      throws IOException {
    int f = SrTrialSpec.SCALE;
    InputImages.Image first = images.get(0);
    if (first.w() != sr.inputSize() || first.h() != sr.inputSize()) {
      out.printf(
          "note: the SR generator was trained on %dx%d inputs; these are %dx%d (it runs at any"
              + " size, and does best near the scale it learnt)%n",
          sr.inputSize(), sr.inputSize(), first.w(), first.h());
    }
    List<float[]> sheetIn = new ArrayList<>();
    List<float[]> sheetOut = new ArrayList<>();
    for (InputImages.Image img : images) {
      float[] up = SrInference.upscale(sr.net().block, root, img.chw(), 1, img.h(), img.w());
      Path file = dir.resolve(outputName(img.name()));
      Files.createDirectories(file.getParent());
      ImageIO.write(Sheet.image(up, 0, img.w() * f, img.h() * f), "png", file.toFile());
      if (img.w() == first.w() && img.h() == first.h() && sheetIn.size() < SHEET_MAX) {
        sheetIn.add(HostResampling.nearestUp(img.chw(), 1, img.h(), img.w(), f));
        sheetOut.add(up);
      }
    }
    float[][] sets = {concat(sheetIn), concat(sheetOut)};
    Files.write(
        dir.resolve(SHEET),
        Sheet.png(Sheet.render(sets, sheetIn.size(), first.w() * f, first.h() * f)));
    out.printf(
        "upscaled %d images 4x (%dx%d -> %dx%d) into %s; %s shows %d (input | 4x)%n",
        images.size(),
        first.w(),
        first.h(),
        first.w() * f,
        first.h() * f,
        dir,
        SHEET,
        sheetIn.size());
  }

  /** {@code a/b.png} -> {@code a/b_x4.png}; generated samples get {@code sample_NNNN_x4.png}. */
  static String outputName(String name) {
    int dot = name.lastIndexOf('.');
    String base = dot > 0 && name.lastIndexOf('/') < dot ? name.substring(0, dot) : name;
    return base + "_x4.png";
  }

  private static float[] concat(List<float[]> parts) {
    int total = parts.stream().mapToInt(p -> p.length).sum();
    float[] all = new float[total];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
