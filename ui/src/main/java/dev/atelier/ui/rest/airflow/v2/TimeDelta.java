package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/** Airflow's TimeDelta: a duration as days, seconds and microseconds, tagged with its type. */
public record TimeDelta(
    @JsonProperty("__type") String type, long days, int seconds, int microseconds) {

  static TimeDelta of(Duration d) {
    if (d == null) {
      return null;
    }
    long total = d.getSeconds();
    return new TimeDelta("TimeDelta", total / 86_400, (int) (total % 86_400), d.getNano() / 1000);
  }

  static TimeDelta ofSeconds(Long seconds) {
    return seconds == null ? null : of(Duration.ofSeconds(seconds));
  }
}
