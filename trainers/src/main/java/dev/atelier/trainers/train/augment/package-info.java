/**
 * Differentiable augmentation (DiffAugment, Zhao et al. 2020): colour, translation and cutout
 * applied to every image the discriminator sees, real and fake, in both updates, so D cannot
 * memorise a small data set while G still gets gradients through the augmentation. Written as
 * NDArray operations (gather, broadcasting arithmetic) so autograd reaches the generator; the
 * random draws come from Java generators seeded per (seed, step), so a resumed run repeats them.
 */
package dev.atelier.trainers.train.augment;
