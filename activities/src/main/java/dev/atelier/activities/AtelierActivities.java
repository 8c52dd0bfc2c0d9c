package dev.atelier.activities;

import java.util.List;
import javax.sql.DataSource;

/** Builds every activity implementation a worker registers. */
public final class AtelierActivities {
  private AtelierActivities() {}

  /** TODO(activities helper): the implementations of every interface in workflows.activities. */
  public static List<Object> create(ActivitiesConfig config, DataSource dataSource) {
    throw new UnsupportedOperationException("TODO(activities helper)");
  }
}
