package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What {@link OpenApiV2FuzzTest}'s schema-valid cases found refused: integers beyond 32 bits (now
 * the document's bounds, and a 422 that says so rather than "not a valid integer"), and RFC 3339
 * offsets beyond Java's ±18:00 (valid, now accepted).
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class V2InputBoundsTest {
  private static final String RULE =
      "is outside the integers this API takes (-2147483648 to 2147483647)";

  @Inject DataSource dataSource;

  @Test
  void integerBeyond32Bits_is422NamingFieldValueAndRange() {
    Api.asAdmin()
        .get("/api/v2/assets/5090534273")
        .then()
        .statusCode(422)
        .body("detail", hasSize(1))
        .body("detail[0].loc", equalTo(List.of("path", "asset_id")))
        .body("detail[0].input", equalTo("5090534273"))
        .body("detail[0].msg", equalTo("asset_id: '5090534273' " + RULE));
    Api.asAdmin()
        .get("/api/v2/dags?limit=7239352159")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "limit")))
        .body("detail[0].msg", equalTo("limit: '7239352159' " + RULE));
    Api.asAdmin()
        .get("/api/v2/dags?limit=ten")
        .then()
        .statusCode(422)
        .body("detail[0].msg", equalTo("limit: 'ten' is not a valid integer"));
  }

  @Test
  void poolSlotsBeyond32Bits_is422_andNoPoolIsStored() {
    RunFixtures db = new RunFixtures(dataSource);
    Api.asAdmin()
        .body(Map.of("name", "bounds_test_pool", "slots", 28926128141L))
        .post("/api/v2/pools")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "slots")))
        .body("detail[0].msg", equalTo("slots: '28926128141' " + RULE));
    assertEquals("0", db.string("select count(*) from pool where name = 'bounds_test_pool'"));
  }

  @Test
  void offsetBeyondEighteenHours_isAccepted() {
    Api.asAdmin()
        .queryParam("logical_date_lte", "0237-03-04T00:25:00.34+18:03")
        .get("/api/v2/dags/~/dagRuns")
        .then()
        .statusCode(200);
    Api.asAdmin()
        .queryParam("logical_date_lte", "2026-01-01T00:00:00+24:00")
        .get("/api/v2/dags/~/dagRuns")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "logical_date_lte")))
        .body("detail[0].input", equalTo("2026-01-01T00:00:00+24:00"));
  }
}
