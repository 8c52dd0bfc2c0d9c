package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** {@link InputRules}'s dates: RFC 3339's offsets (to ±23:59), which Java's stop at ±18:00. */
class InputRulesTest {
  @Test
  void offsetBeyondJavasEighteenHours_isTheSameInstantInUtc() {
    // Found by OpenApiV2FuzzTest's positive cases: a valid date answered 422.
    assertEquals(
        OffsetDateTime.parse("0120-12-21T14:08:23Z"),
        InputRules.dateTime("query", "before", "0120-12-22T13:25:23+23:17"));
    assertEquals(
        OffsetDateTime.parse("2026-01-01T19:30:00.5Z"),
        InputRules.utc("2026-01-01T00:00:00.5-19:30"));
    assertEquals(
        OffsetDateTime.parse("2026-01-01T10:00:00Z"), InputRules.utc("2026-01-01T12:00:00+02:00"));
  }

  @Test
  void offsetOfADayOrMore_isRefusedNamingFieldValueAndRule() {
    InvalidValue e =
        assertThrows(
            InvalidValue.class,
            () -> InputRules.dateTime("query", "before", "2026-01-01T00:00:00+24:00"));
    assertEquals("before: '2026-01-01T00:00:00+24:00' " + InputRules.DATE_TIME, e.getMessage());
  }
}
