package io.breachdrill.drill;

import static org.hamcrest.Matchers.endsWith;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.breachdrill.TestClock;
import io.breachdrill.account.TestAccounts.Account;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A facilitator running one drill, through the console's forms and the JSON API, as their browser
 * and their scripts use them.
 */
record Console(Account facilitator, long drillId) {

  /** One event of the drill's log as the JSON API gives it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Logged(
      long seq,
      String type,
      Long teamId,
      String at,
      long drillMs,
      String actor,
      Map<String, Object> data) {

    String dataText(String field) {
      Object value = data.get(field);
      return value == null ? null : value.toString();
    }

    Long dataMs(String field) {
      Object value = data.get(field);
      return value == null ? null : ((Number) value).longValue();
    }
  }

  String path() {
    return "/drills/" + drillId;
  }

  /** A console form posted with a CSRF token; fields are name, value pairs. */
  Response post(String action, Object... fields) {
    RequestSpecification form = facilitator.form();
    for (int i = 0; i < fields.length; i += 2) {
      Object value = fields[i + 1];
      if (value instanceof List<?> values) {
        form.formParam(fields[i].toString(), values.toArray());
      } else {
        form.formParam(fields[i].toString(), value);
      }
    }
    return form.post(path() + "/" + action);
  }

  /** A console command that must succeed: it answers with a redirect back to the console. */
  void command(String action, Object... fields) {
    post(action, fields).then().statusCode(303).header("Location", endsWith(path()));
  }

  void commandTo(String anchor, String action, Object... fields) {
    post(action, fields).then().statusCode(303).header("Location", endsWith(path() + anchor));
  }

  String page() {
    return facilitator.given().get(path()).then().statusCode(200).extract().asString();
  }

  DrillApi.State state() {
    return facilitator
        .given()
        .accept(ContentType.JSON)
        .get("/api" + path())
        .then()
        .statusCode(200)
        .extract()
        .as(DrillApi.State.class);
  }

  static DrillApi.TeamView team(DrillApi.State state, long teamId) {
    return state.teams().stream()
        .filter(t -> t.id() == teamId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no team " + teamId + " in " + state));
  }

  static Optional<DrillApi.Delivered> delivery(DrillApi.State state, long teamId, String injectId) {
    return team(state, teamId).delivered().stream()
        .filter(d -> injectId.equals(d.injectId()))
        .findFirst();
  }

  static List<String> delivered(DrillApi.State state, long teamId) {
    return team(state, teamId).delivered().stream().map(DrillApi.Delivered::injectId).toList();
  }

  static Optional<DrillApi.Decided> decided(DrillApi.State state, long teamId, String decision) {
    return team(state, teamId).decisions().stream()
        .filter(d -> decision.equals(d.decisionId()))
        .findFirst();
  }

  /** Waits until the scenario inject has reached the team; returns that state. */
  DrillApi.State awaitDelivered(long teamId, String injectId) {
    return Eventually.until(
        injectId + " delivered to team " + teamId,
        this::state,
        s -> delivery(s, teamId, injectId).isPresent());
  }

  List<Logged> events() {
    return Arrays.asList(
        facilitator
            .given()
            .accept(ContentType.JSON)
            .get("/api" + path() + "/events")
            .then()
            .statusCode(200)
            .extract()
            .as(Logged[].class));
  }

  /** Moves the app's clock so that the drill's time is at least the given drill time. */
  void advanceTo(Duration drillTime) {
    DrillApi.State state = state();
    long ahead = drillTime.toMillis() - state.drillMs();
    if (ahead > 0) {
      long wall =
          BigDecimal.valueOf(ahead).divide(state.speed(), 0, RoundingMode.CEILING).longValueExact();
      TestClock.advance(Duration.ofMillis(wall));
    }
  }
}
