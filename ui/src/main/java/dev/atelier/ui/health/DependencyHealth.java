package dev.atelier.ui.health;

/**
 * The SmallRye Health group of the services the app calls but can run without for a while (MLflow,
 * Temporal): {@code /q/health/group/dependencies}. They are not in readiness, so an MLflow or
 * Temporal outage does not take the app (its pages, its API, its database) out of the load
 * balancer; readiness is the database alone (Quarkus's Agroal datasource check).
 */
public final class DependencyHealth {
  /** The group's name, as in {@code @HealthGroup(DependencyHealth.GROUP)}. */
  public static final String GROUP = "dependencies";

  private DependencyHealth() {}
}
