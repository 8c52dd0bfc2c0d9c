package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.health.DependencyHealth;
import dev.atelier.ui.health.TemporalHealth;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code GET /api/v2/monitor/health}, open like Airflow's: the metadatabase, and Temporal standing
 * in for Airflow's scheduler and triggerer.
 */
@Path("/api/v2/monitor/health")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorV2Resource {
  private final DataSource dataSource;
  private final TemporalHealth temporal;

  MonitorV2Resource(
      DataSource dataSource, @HealthGroup(DependencyHealth.GROUP) TemporalHealth temporal) {
    this.dataSource = dataSource;
    this.temporal = temporal;
  }

  @GET
  @PermitAll
  public HealthInfoResponse health() {
    boolean dbUp;
    try (var c = dataSource.getConnection()) {
      dbUp = c.isValid(3);
    } catch (Exception e) {
      dbUp = false;
    }
    String engine =
        temporal.call().getStatus() == HealthCheckResponse.Status.UP ? "healthy" : "unhealthy";
    return new HealthInfoResponse(
        new HealthInfoResponse.Status(dbUp ? "healthy" : "unhealthy"),
        new HealthInfoResponse.Scheduler(engine, null),
        new HealthInfoResponse.Triggerer(engine, null),
        null);
  }
}
