/**
 * The DCGAN generator and discriminator as DJL blocks. The PyTorch engine has no transposed
 * convolution, so the generator doubles its feature maps by nearest-neighbour upsampling followed
 * by a 3x3 convolution, which also avoids transposed convolution's checkerboard artefacts.
 */
package dev.atelier.trainers.model;
