package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.AtelierTags;

/**
 * The line a card shows about a run's data, from its lineage tags ({@code atelier.dataset_name},
 * {@code _version}, {@code _digest}): {@code emoji v3 (1a2b3c4d)}, or {@code sprites (1a2b3c4d)}
 * for a folder no source watches; null for a run from before lineage.
 */
public final class TrainedOn {
  /** How much of the digest a card shows. */
  static final int DIGEST_PREFIX = 8;

  private TrainedOn() {}

  public static String of(RunView run) {
    String name = run.tag(AtelierTags.DATASET_NAME);
    String digest = run.tag(AtelierTags.DATASET_DIGEST);
    if (name == null || digest == null) {
      return null;
    }
    String version = run.tag(AtelierTags.DATASET_VERSION);
    String prefix = digest.length() > DIGEST_PREFIX ? digest.substring(0, DIGEST_PREFIX) : digest;
    return name + (version == null ? "" : " v" + version) + " (" + prefix + ")";
  }
}
