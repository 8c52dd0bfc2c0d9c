package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.health.DependencyHealth;
import dev.atelier.ui.health.TemporalHealth;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code GET /api/v1/health}, open like Airflow's: the metadatabase, and Temporal standing in for
 * Airflow's scheduler (it is what schedules tasks here).
 */
@Path("/api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  private final DataSource dataSource;
  private final TemporalHealth temporal;

  // The check is a bean qualified @HealthGroup, so it is asked for with that qualifier.
  HealthResource(
      DataSource dataSource, @HealthGroup(DependencyHealth.GROUP) TemporalHealth temporal) {
    this.dataSource = dataSource;
    this.temporal = temporal;
  }

  /** Airflow's HealthInfo. */
  public record HealthInfo(Map<String, String> metadatabase, Map<String, Object> scheduler) {}

  @GET
  @PermitAll
  public HealthInfo health() {
    boolean dbUp;
    try (var c = dataSource.getConnection()) {
      dbUp = c.isValid(3);
    } catch (Exception e) {
      dbUp = false;
    }
    boolean temporalUp = temporal.call().getStatus() == HealthCheckResponse.Status.UP;
    Map<String, Object> scheduler = new LinkedHashMap<>();
    scheduler.put("status", temporalUp ? "healthy" : "unhealthy");
    scheduler.put("latest_scheduler_heartbeat", null);
    return new HealthInfo(Map.of("status", dbUp ? "healthy" : "unhealthy"), scheduler);
  }
}
