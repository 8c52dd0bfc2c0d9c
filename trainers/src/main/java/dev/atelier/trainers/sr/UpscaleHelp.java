package dev.atelier.trainers.sr;

/** What {@code upscale --help} prints. */
final class UpscaleHelp {
  private UpscaleHelp() {}

  static final String USAGE =
      "upscale --sr SR_CHECKPOINT_DIR (--images DIR | --generator GAN_CHECKPOINT_DIR --count N"
          + " [--seed S] [--class NAME]) --out DIR [--background #rrggbb]";

  static final String TEXT =
      """
      usage: ./atelier upscale --sr SR_CHECKPOINT_DIR --images DIR --out DIR [--background #rrggbb]
             ./atelier upscale --sr SR_CHECKPOINT_DIR --generator GAN_CHECKPOINT_DIR --count N
                               [--seed S] [--class NAME] --out DIR
             (java -cp <trainer classpath> dev.atelier.trainers.UpscaleMain ...)

      Enlarges images 4x with a trained srgan4x generator and writes one PNG per image plus
      contact_sheet.png (input enlarged by nearest neighbour | SR output, up to 64 images).

        --sr DIR          an srgan4x trial's checkpoint folder (OUTPUT_DIR/checkpoints/final or
                          checkpoints/step_NNNNNNN): checkpoint.json + generator-0000.params
        --images DIR      enlarge every *.png / *.jpg / *.jpeg under DIR at its own size (at most
                          256 px a side; transparency composited on --background, default
                          #ffffff); writes <name>_x4.png, keeping sub-folders
        --generator DIR   or: a GAN trial's checkpoint folder (dcgan32/64/128, cdcgan32/64/128
                          or progan); draws --count samples from standard-normal latents seeded
                          by --seed (default 1234, the default probe seed, so the first samples
                          are a trial's grid images) and writes sample_NNNN_x4.png; cdcgan:
                          sample i is class i mod classes (as the trial's sample hooks draw),
                          named sample_NNNN_CLASS_x4.png; progan: drawn at the checkpoint's
                          growth stage, doubled to its image_size as the trial's grids were
        --count N         samples to draw, 1..4096 (required with --generator)
        --class NAME      cdcgan only: draw every sample of this class (one of the checkpoint's
                          class_names, i.e. a data set sub-folder)
        --out DIR         output folder, created if missing; existing files are overwritten

      Exit codes:
        0   done
        1   failed (an unexpected error; stack trace on stderr)
        2   bad arguments (every problem is printed, naming the option, the value and the rule;
            a --class that is not one of the checkpoint's classes lists the valid ones)
      """;
}
