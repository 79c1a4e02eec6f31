package io.breachdrill.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.breachdrill.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as operators run it: the prod profile, configured only by Quarkus'
 * environment variables, on PostgreSQL.
 */
class PackagedAppIT {

  static final String DATABASE = "breachdrill_it";

  static Process app;
  static Path log;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.ensureExists(DATABASE);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    log = Files.createTempFile("breachdrill-it", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "QUARKUS_DATASOURCE_USERNAME",
                "postgres",
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                "BREACHDRILL_SCENARIOS_DIR",
                "scenarios"));
    app = builder.start();
    awaitReady();
  }

  private static void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline) && app.isAlive()) {
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // The port opens once Flyway has migrated and the catalog has loaded.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("The packaged app did not become ready:\n" + Files.readString(log));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.destroy();
      app.waitFor();
    }
  }

  @Test
  void servesTheLibraryFromPostgresql() throws Exception {
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body())
        .contains(
            "href=\"/scenarios/weights-walkout\"",
            "href=\"/scenarios/bucket-siphon\"",
            "href=\"/scenarios/contractor-keys\"",
            "href=\"/scenarios/tainted-checkpoint\"");
    assertThat(Files.readString(log)).contains("Profile prod activated");
  }

  @Test
  void readinessReportsTheDatabase() throws Exception {
    HttpResponse<String> ready = get("/q/health/ready");
    assertThat(ready.body()).contains("\"status\": \"UP\"", "Database connections health check");
  }
}
