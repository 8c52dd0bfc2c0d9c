package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AirflowDatesTest {

  @Test
  void iso_writesLikePythonIsoformatInUtc() {
    assertEquals(
        "2026-11-21T10:00:00+00:00",
        AirflowDates.iso(OffsetDateTime.parse("2026-11-21T11:00:00+01:00")));
    assertEquals(
        "2026-11-21T10:00:00.123456+00:00",
        AirflowDates.iso(OffsetDateTime.parse("2026-11-21T10:00:00.123456Z")));
  }
}
