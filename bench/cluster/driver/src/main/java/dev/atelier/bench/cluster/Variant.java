package dev.atelier.bench.cluster;

/**
 * One way of starting the same trial Job in the latency scenario.
 *
 * @param task the task id its trials carry (and so their Job names)
 * @param facade through {@code KubernetesJobLauncher.launch} and {@code state} polling, or the Job
 *     that {@code JobManifest} writes created with one fabric8 call and its pods polled
 * @param queued whether Kueue admits it, or it starts at once
 */
record Variant(String name, String task, boolean facade, boolean queued) {
  static final Variant ATELIER_KUEUE =
      new Variant("atelier-kueue", "lat_atelier_kueue", true, true);
  static final Variant ATELIER_DIRECT =
      new Variant("atelier-no-kueue", "lat_atelier_direct", true, false);
  static final Variant REF_KUEUE = new Variant("fabric8-kueue", "lat_ref_kueue", false, true);
  static final Variant REF_DIRECT = new Variant("fabric8-no-kueue", "lat_ref_direct", false, false);

  static final java.util.List<Variant> ALL =
      java.util.List.of(ATELIER_KUEUE, REF_KUEUE, ATELIER_DIRECT, REF_DIRECT);
}
