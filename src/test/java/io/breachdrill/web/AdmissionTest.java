package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A node with more requests than it can answer refuses the extra ones at once, with a page or
 * problem that says to come back, instead of queueing them until every client times out.
 */
@QuarkusTest
@TestProfile(AdmissionTest.OneAtATime.class)
class AdmissionTest {

  public static class OneAtATime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("breachdrill.http.max-in-flight", "1");
    }
  }

  @Test
  void aFullNodeRefusesAtOnceAndServesAgainWhenARequestEnds() throws Exception {
    double refusedBefore = refused();
    SlowProbe.hold();
    CompletableFuture<String> slow =
        CompletableFuture.supplyAsync(
            () ->
                RestAssured.given()
                    .get("/test-only/slow")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    try {
      assertThat(SlowProbe.awaitEntered()).as("the slow request is being answered").isTrue();

      HardeningTest.hasSecurityHeaders(
          RestAssured.given()
              .get("/login")
              .then()
              .statusCode(503)
              .header("Retry-After", "1")
              .contentType(containsString("text/html"))
              .body(containsString("503 · Service Unavailable"))
              .body(containsString("The server is busy. Try again in a moment.")));
      RestAssured.given()
          .get("/api/scenarios")
          .then()
          .statusCode(503)
          .header("Retry-After", "1")
          .contentType(containsString("application/problem+json"))
          .body("status", equalTo(503))
          .body("detail", containsString("busy"));
      // A live page's stream is not counted against the bound: it is answered (here refused for
      // want of a session), never turned away as busy.
      RestAssured.given()
          .redirects()
          .follow(false)
          .get("/teams/1/stream")
          .then()
          .statusCode(not(equalTo(503)));
    } finally {
      SlowProbe.release();
    }
    assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("answered");

    // Every ended request gave its place back: one at a time, they are all answered.
    IntStream.range(0, 20).forEach(i -> RestAssured.given().get("/login").then().statusCode(200));
    assertThat(refused() - refusedBefore).isEqualTo(2.0);
  }

  private static double refused() {
    return Management.metric("breachdrill_http_refused_total").orElse(0);
  }
}
