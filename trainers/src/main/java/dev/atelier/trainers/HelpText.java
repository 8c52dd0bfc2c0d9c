package dev.atelier.trainers;

/** What {@code --help} prints: the spec's fields with their defaults, and the exit codes. */
final class HelpText {
  private HelpText() {}

  static final String TEXT =
      """
      usage: java -cp <trainer classpath> dev.atelier.trainers.TrainerMain SPEC.json
             java -cp <trainer classpath> dev.atelier.trainers.TrainerMain --help

      Trains one GAN trial described by SPEC.json, logs it to MLflow and exits with a code below.

      SPEC.json (snake_case; * = required):
        trial_id*              string, e.g. "emoji_dcgan_sweep/manual__2026-11-21T10:00:00/train/0"
        model*                 "dcgan32" | "dcgan64" | "dcgan128": DCGAN of that size
                               "cdcgan32" | "cdcgan64" | "cdcgan128": conditional DCGAN, one
                               class per sub-folder of dataset.path (grid: a row per class)
                               "progan": progressively grown to dataset.image_size
                               "r3gan": R3GAN's normalisation-free ResNets at
                               dataset.image_size (32, 64, 128 or 256; default 32)
                               "stylegan2": StyleGAN2 (mapping network, modulated convolutions,
                               noise, skip G, residual D, style mixing, lazy R1) at
                               dataset.image_size (32, 64, 128 or 256; default 32)
                               "srgan4x": 4x super-resolution (below)
        dataset*
          path*                folder of *.png / *.jpg / *.jpeg images, searched recursively;
                               for cdcgan*: class sub-folders (at least 2), no loose images
          image_size           32, 64 or 128: the model's size (must match the model);
                               progan: any of them (default 64); r3gan, stylegan2: 32, 64,
                               128 or 256 (default 32)
          background           "#rrggbb" that transparency is composited on (default "#ffffff")
          exclude_file         a text file of paths under path, one a line, to leave out
                               (unknown paths ignored; param dataset_excluded counts them)
        hyperparams            unknown keys are an error; missing ones take the default
          lr                   Adam learning rate of both networks, > 0 and <= 1 (default 0.0002;
                               stylegan2 0.0025)
          lr_g, lr_d           per-network learning rates (default lr); an error if given
                               with lr and different from it
          beta1                Adam beta1, >= 0 and < 1              (default 0.5; r3gan and
                               stylegan2 0)
          beta2                Adam beta2, >= 0 and < 1              (default 0.999; r3gan and
                               stylegan2 0.99)
          loss                 "bce" (non-saturating) | "hinge" | "wgan_gp" | "rpgan"
                               (relativistic pairing; default "bce"; r3gan "rpgan")
          gp_weight            WGAN-GP lambda, > 0 and <= 10000      (default 10; wgan_gp only)
          r1_gamma             R1 penalty on real images, 0..10000   (default 0 = off;
                               rpgan 0.1; stylegan2 0.01)
          r2_gamma             R2 penalty on generated images, 0..10000 (default 0 = off;
                               rpgan: r1_gamma)
          ema_decay            generator weight average, [0, 1); draws grids, is exported
                               (default 0.999; 0 = off)
          latent_dim           1..4096                               (default 64)
          batch_size           1..4096                               (default 64)
          steps                training steps, >= 1                  (default 300)
          g_width              generator base channels, 1..1024      (default 64)
          d_width              discriminator base channels, 1..1024  (default 64)
          blocks_per_stage     r3gan only: residual blocks per resolution, 1..16 (default 2)
          group_channels       r3gan only: channels per group of a block's grouped 3x3
                               convolution (at most), 1..1024        (default 16)
          w_dim                stylegan2 only: size of w and the styles, 1..4096
                               (default latent_dim)
          mapping_layers       stylegan2 only: mapping network depth (lr multiplier 0.01),
                               1..16                                 (default 2)
          style_mixing         stylegan2 only: probability a training batch takes its styles
                               from a random layer on from a second latent, 0..1 (default 0.9)
          r1_interval          stylegan2 only: R1 (and R2) every N steps at N times the
                               weight (lazy regularisation), 1..1024 (default 16)
          pl_weight            stylegan2 only: path-length regularisation weight, 0..10000
                               (default 0 = off; StyleGAN2's is 2)
          pl_interval          stylegan2 only: path-length penalty every N steps at N times
                               the weight, 1..1024                   (default 4)
        seed                   integer; seeds weights, data order, latents and augmentation
                               (default 42); every draw is a function of (seed, step)
        probe
          seed                 the sweep's probe latent seed: same for every trial (default 1234)
          count                probe images in the 8x8 grid, 1..64   (default 64)
          truncation           stylegan2 only: psi for the grid and the style-mixing sheet,
                               w = w_avg + psi (w - w_avg), 0..1 (default 1 = none; metrics
                               are always measured at 1)
        sample_every           grid, fd_diag_rgb8 and sample hooks every N steps and at the
                               last step (default 100)
        threads                engine intra-op threads, 1..1024 (default: all cores)
        checkpoint_every       resumable checkpoint every N steps (default 500)
        keep_last              step checkpoints kept, 1..1000 (default 3)
        keep_best_by           metric whose lowest-valued step checkpoint is kept too:
                               "fd_diag_rgb8", or quality's fd_<space> / kid_<space>
                               (default "fd_<space>", e.g. "fd_rgb8"; "fd_diag_rgb8" with
                               quality off)
        divergence             optional; unknown keys are an error
          d_loss_floor         loss_d below this counts as "D has won", 0..1 (default 0.0001;
                               not applied to wgan_gp, whose critic loss is signed)
          window               that many consecutive such steps: diverged (default 200)
        progressive            progan only; unknown keys are an error
          start_size           first resolution, 8 or 16, below image_size (default 8)
          fade_in_images       images over which each doubling fades in, >= 1 (default 12800)
          stabilise_images     images trained at each resolution after its fade (and at the
                               start resolution), >= 0 (default 12800); bce or hinge only
        augment                optional; unknown keys are an error
          mirror               true: flip half of the real images left-right (default false)
          diffaug              list of "color", "translation", "cutout": DiffAugment on every
                               image D sees, real and fake (default [])
          ada                  true or {"target", "interval", "kimg", "p"}: adaptive augmentation
                               (StyleGAN2-ADA 'bgc'), p steered by E[sign(D(real))] towards
                               target (defaults 0.6, 4 steps, 500 kimg, p 0); not with diffaug
        quality                optional; on by default; unknown keys are an error
          enabled              false turns quality measurement off (default true)
          background           true: measure on a second thread from a copy of the generator
                               while training goes on; false: the steps wait (default true)
          every                measure every N steps, a multiple of sample_every, and at the
                               last step (default sample_every)
          samples              generated images for FD, KID, diversity, 2..10000 (default 256)
          neighbours           nearest real images per probe sample in novelty/, 1..16
                               (default 3)
          collapse_threshold   mode_collapse = 1 when diversity < this x the data's, (0, 1]
                               (default 0.5)
          kid_subsets          KID subsets averaged, 1..1000 (default 100)
          kid_subset_size      KID subset size, 2..100000, capped by both sets (default 1000)
          walk_keyframes       probe latents the final latent walk joins, 2..probe.count
                               (default 8)
          walk_frames          walk frames per leg, 1..60 (default 8)
          extractor            optional; without it the built-in 8x8 RGB space "rgb8"
            path*              absolute path of a TorchScript feature network (e.g. Inception)
            name               feature space in metric names, [a-z][a-z0-9_]* (default: the
                               file's atelier.json, else its base name)
            input_size         side images are resized to, 8..1024 (default: atelier.json,
                               else no resizing)
            input_range        "minus_one_one" | "zero_one" | "imagenet" (default:
                               atelier.json, else "zero_one")
            batch_size         images per forward pass, 1..1024 (default 64)
        output_dir*            absolute folder for checkpoints, progress.json and result.json
        init_from              optional (PBT): start from another trial's checkpoint when
                               this one has none of its own; same architecture, any lr etc.
          path*                checkpoint folder (checkpoints/final or step_N), absolute or
                               relative to output_dir
        mlflow                 optional; without it nothing is tracked
          tracking_uri*        http(s) URI of the MLflow tracking server (--serve-artifacts)
          run_id               log into this existing run
          experiment_name      without run_id: create a run here (default "atelier/adhoc")
          drain_seconds        0..86400 (600): after training, wait this long for queued
                               uploads; what is left is kept in output_dir/tracking-spill/
                               and sent first when the trial starts again

      Outputs:
        MLflow params    hyperparams, model, image_size, seed, probe_seed, probe_count,
                         probe_scheme, sample_every, checkpoint_every, keep_last, keep_best_by, augment_mirror,
                         augment_diffaug, augment_ada, quality, quality_every, quality_features,
                         quality_samples, quality_extractor_path, dataset_path, dataset_size,
                         dataset_skipped; cdcgan*: num_classes, class_names; progan: start_size,
                         fade_in_images, stabilise_images; with init_from: init_from_step
        MLflow metrics   every step: loss_g, loss_d, d_real, d_fake, grad_norm_g, grad_norm_d,
                         lr_g, lr_d, images_per_sec (progan also resolution, alpha; augment.ada
                         also ada_p, ada_rt); each sample
                         step: fd_diag_rgb8, loss_g_avg, loss_d_avg, d_real_avg, d_fake_avg,
                         d_accuracy_avg (means since the previous sample step); every quality.every steps (S = rgb8 or the
                         extractor's name): fd_S, kid_S, diversity_S, diversity_real_S,
                         mode_collapse (0/1), novelty_nn_distance_S, quality_seconds
        MLflow artifacts samples/step_NNNNNNN.png, inputs/real_grid.png, checkpoints/final/
                         (generator-0000.params, discriminator-0000.params, checkpoint.json),
                         novelty/step_NNNNNNN.json|.png, walks/final.gif|.png (last step)
        MLflow tags      atelier.status, atelier.reason; the run ends FINISHED, FAILED or KILLED;
                         atelier.stop_request (set by a sweep) stops the trial: exit 4
        output_dir       checkpoints/final/ (exported), checkpoints/step_NNNNNNN/, progress.json
                         (~every second), result.json, sample_metrics.jsonl, novelty/, walks/

      A latent walk from any checkpoint, on demand:
        java -cp <trainer classpath> dev.atelier.trainers.WalkMain CHECKPOINT_DIR [--out DIR]
             [--frames N] [--keyframes K] [--probe-seed S]      (or: ./atelier walk ...)

      model "srgan4x": 4x super-resolution (SRGAN-style) on the same data and top-level fields.
        dataset.image_size     the ground-truth size: a multiple of 4, 8..1024 (default 64);
                               inputs are its 4x area downsampling
        hyperparams            lr, lr_g, lr_d (default 0.0001), beta1 (0.9), beta2, batch_size
                               (16), steps (1000), g_width (32), d_width (32), and:
          residual_blocks      generator residual blocks, 0..64      (default 6)
          adversarial_weight   weight of the adversarial term in G's loss, 0..1000 (default 0.001)
          content_loss         "l1" | "mse": pixel loss against the ground truth (default "l1")
          content_only_steps   first steps with content loss only (D still trains) (default 0)
          ema_decay            weight average of G, as for the GANs: it draws the probe, psnr and
                               quality and is exported (upscale loads it); 0 = off (0.999)
        probe.count            held-out probe images measured at sample steps (default 16)
        content_features       optional feature-space content term; unknown keys are an error
          path*                absolute path of a TorchScript network (first output compared)
          weight               its weight in the content loss, > 0 (default 1)
          input_range          "minus_one_one" | "zero_one" | "imagenet" (default "zero_one")
        augment.mirror         the only augmentation (augment.diffaug, augment.ada are errors)
        quality                as for the GANs (enabled, every, kid_subsets, kid_subset_size,
                               extractor.*): fd_S and kid_S between the probe's SR outputs and
                               its ground truth, S = patch4 (built in: 4x4 detail patches) or the
                               extractor's name, and fd_S_nearest / kid_S_nearest for nearest
                               enlargement; samples, neighbours, collapse_threshold and walk_*
                               do not apply (warning)
        keep_best_by           "psnr" (default, highest kept) or fd_S / kid_S (lowest kept)
        divergence             as for the GANs: loss_d under d_loss_floor for window steps
                               (only steps with the adversarial term count)
        metrics                loss_g, loss_d, d_real, d_fake, grad_norm_g/d, lr_g/d,
                               images_per_sec, loss_content, loss_adv (and with
                               content_features loss_pixel, loss_features) every step; psnr and
                               psnr_nearest (the nearest-neighbour baseline) each sample step;
                               fd_S, kid_S, quality_seconds every quality.every steps
        samples/step_NNNNNNN.png   per probe image: input (nearest-enlarged) | SR | ground truth
        then: ./atelier upscale --help

      Running a spec again resumes the trial from its latest checkpoint in output_dir (same
      model, hyperparameters except steps, seed and augmentation): weights, weight average, both
      optimizers and counters; every random draw is a function of (seed, step).

      Progress: one line redrawn in place on a terminal, a plain line every ~2 s otherwise.

      Exit codes:
        0   succeeded
        1   failed: an unexpected error (stack trace on stderr), or a first batch the models
            cannot take
        2   bad spec (every violation is printed; includes a missing or empty dataset)
        3   diverged: a NaN or infinite loss, or loss_d under divergence.d_loss_floor for
            divergence.window steps (MLflow tag atelier.reason names the loss and the steps)
        4   pruned: the sweep set atelier.stop_request; checkpointed (resumable), run FINISHED
        75  interrupted by SIGTERM/SIGINT: checkpointed, run again to resume
      """;
}
