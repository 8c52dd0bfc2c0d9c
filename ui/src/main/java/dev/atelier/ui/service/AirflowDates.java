package dev.atelier.ui.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates as Airflow writes them into run ids: {@code 2026-11-21T10:00:00+00:00}. */
public final class AirflowDates {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private AirflowDates() {}

  /** Python's {@code datetime.isoformat()}: microseconds only when there are some. */
  public static String iso(OffsetDateTime date) {
    OffsetDateTime utc = date.withOffsetSameInstant(ZoneOffset.UTC);
    return (utc.getNano() / 1000 == 0 ? SECONDS : MICROS).format(utc);
  }
}
