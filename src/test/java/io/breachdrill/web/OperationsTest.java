package io.breachdrill.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

  static final String MANAGEMENT = Management.URL;
  static final String ready = MANAGEMENT + "/q/health/ready";
  static final String metrics = MANAGEMENT + "/q/metrics";

  @TestHTTPResource("/q/health/ready")
  URL publicReady;

  @Test
  void readinessChecksTheDatabase() {
    given()
        .when()
        .get(ready)
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Database connections health check"));
  }

  @Test
  void metricsArePrometheusText() {
    given().get("/");
    given()
        .when()
        .get(metrics)
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
  }

  @Test
  void healthAndMetricsAreNotOnThePublicPort() {
    given().when().get(publicReady).then().statusCode(404);
    given().when().get("/q/metrics").then().statusCode(404);
  }

  @Test
  void openApiDescribesTheJsonApi() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/scenarios/{id}"))
        .body(containsString("/schema/scenario.json"))
        .body(not(containsString("\"/scenarios/{id}\"")));
  }

  @Test
  void servesTheScenarioSchema() {
    given()
        .when()
        .get("/schema/scenario.json")
        .then()
        .statusCode(200)
        .contentType(containsString("application/schema+json"))
        .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
        .body("required", hasItem("injects"));
  }
}
