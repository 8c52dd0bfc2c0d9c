package dev.atelier.trainers.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progressive growing ({@code progan}; Karras et al. 2018): training starts at {@code startSize},
 * trains there for {@code stabiliseImages} images, then each doubling is faded in over {@code
 * fadeInImages} images and trained for {@code stabiliseImages} more, until {@code
 * dataset.image_size}; the rest of the steps train at full size.
 */
public record ProgressiveSpec(int startSize, long fadeInImages, long stabiliseImages) {
  public static final ProgressiveSpec DEFAULTS = new ProgressiveSpec(8, 12_800, 12_800);

  /** The spec's names and values: logged as params and part of a checkpoint's trial identity. */
  public Map<String, Object> asSpecMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start_size", startSize);
    m.put("fade_in_images", fadeInImages);
    m.put("stabilise_images", stabiliseImages);
    return m;
  }
}
