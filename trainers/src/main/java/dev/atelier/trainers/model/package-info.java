/**
 * The GANs as DJL blocks: the DCGAN generator and discriminator (also conditioned on a class by
 * {@link dev.atelier.trainers.model.Dcgan#conditionalGenerator} and label planes), and the
 * progressively grown pair ({@link dev.atelier.trainers.model.ProGanGenerator}, {@link
 * dev.atelier.trainers.model.ProGanDiscriminator}) whose active resolution and fade a shared {@link
 * dev.atelier.trainers.model.GrowthStage} holds. The PyTorch engine has no transposed convolution,
 * so generators double their feature maps by nearest-neighbour upsampling followed by a 3x3
 * convolution, which also avoids transposed convolution's checkerboard artefacts. A constant factor
 * in a differentiated graph goes through {@link dev.atelier.trainers.model.Scalars}, never DJL's
 * {@code mul(Number)}.
 */
package dev.atelier.trainers.model;
