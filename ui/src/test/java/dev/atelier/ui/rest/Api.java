package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the demo user, the way an Airflow client with basic auth sends them. */
final class Api {
  private Api() {}

  static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", "admin").contentType(ContentType.JSON);
  }
}
