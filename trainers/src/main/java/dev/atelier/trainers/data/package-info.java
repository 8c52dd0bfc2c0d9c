/**
 * The image-folder dataset: finds images, composites, crops and resizes them to the model's size,
 * and keeps the whole set in memory as one float array in [-1, 1], because a trial reads every
 * image many times and the demo set (a few thousand 32x32 images) fits in tens of megabytes. Each
 * image's class is the sub-folder it is in (for the conditional models).
 */
package dev.atelier.trainers.data;
