package dev.atelier.ui.service;

import java.util.Map;

/**
 * What makes two trials' sample grids like for like: the same probe latents (seed, count and the
 * way they are drawn), the same resolution and the same dataset. Read from a run's params; a field
 * the run did not record is null, and the page says so rather than guess.
 */
public record ProbeKey(
    String probeSeed,
    String probeCount,
    String probeScheme,
    String imageSize,
    String datasetPath,
    String datasetSize) {

  static ProbeKey of(Map<String, String> params) {
    return new ProbeKey(
        params.get("probe_seed"),
        params.get("probe_count"),
        params.get("probe_scheme"),
        params.get("image_size"),
        params.get("dataset_path"),
        params.get("dataset_size"));
  }
}
