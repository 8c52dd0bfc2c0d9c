/**
 * 4x super-resolution (SRGAN-style): a residual generator that turns a low-resolution image into
 * one four times larger, trained against a small discriminator with a pixel content loss plus a
 * weighted adversarial term, on the same image folders as the GANs, with the GAN trainer's weight
 * average, step loop, checkpoints, retention, divergence check and quality metrics; and {@code
 * upscale}, which runs a trained SR generator over a GAN generator's samples or a folder of images.
 */
package dev.atelier.trainers.sr;
