package dev.atelier.ui.repository;

import java.util.List;

/** A Dag's runs at a glance: how many hold a slot, how many wait, and the latest few. */
public record DagRunStats(int active, int waiting, List<DagRunRow> recent) {
  public static final DagRunStats NONE = new DagRunStats(0, 0, List.of());
}
