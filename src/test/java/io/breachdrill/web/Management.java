package io.breachdrill.web;

import io.restassured.RestAssured;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test app's management port, where operators read health and metrics. */
public final class Management {

  public static final String URL =
      "http://localhost:"
          + ConfigProvider.getConfig()
              .getOptionalValue("quarkus.management.test-port", Integer.class)
              .orElse(9001);

  public static final String METRICS = URL + "/q/metrics";

  private Management() {}

  /** A metric's value as Prometheus would scrape it (its first series), if the node reports it. */
  public static OptionalDouble metric(String name) {
    String text = RestAssured.given().get(METRICS).then().statusCode(200).extract().asString();
    return text.lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
