/**
 * Pictures and picture statistics: the 8x8 sample grids people compare across trials, and the cheap
 * Frechet distance that lets pick_best rank trials by how close their samples look to the data
 * without a pretrained feature network (nothing is downloaded at run time).
 */
package dev.atelier.trainers.image;
