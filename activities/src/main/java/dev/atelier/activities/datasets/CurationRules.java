package dev.atelier.activities.datasets;

/**
 * A source's curation settings.
 *
 * @param minImageSize an image narrower or lower than this many pixels is too small
 * @param minClassSize a class folder with fewer files is too small
 * @param nearDupDistance two images whose {@link DHash}es differ in at most this many bits are near
 *     duplicates (0 to 64; 0 means identical hashes)
 */
public record CurationRules(int minImageSize, int minClassSize, int nearDupDistance) {
  public static final CurationRules DEFAULTS = new CurationRules(16, 1, 4);
}
