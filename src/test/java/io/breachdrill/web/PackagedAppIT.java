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
  static final String ADMIN_EMAIL = "first.admin@example.com";
  static final String ADMIN_PASSWORD = "an operator's long secret";
  static String base;
  static String management;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.recreate(DATABASE);
    int port = freePort();
    int managementPort = freePort();
    base = "http://127.0.0.1:" + port;
    management = "http://127.0.0.1:" + managementPort;
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
                "QUARKUS_MANAGEMENT_PORT",
                String.valueOf(managementPort),
                "BREACHDRILL_ADMIN_EMAIL",
                ADMIN_EMAIL,
                "BREACHDRILL_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "BREACHDRILL_SCENARIOS_DIR",
                "scenarios"));
    app = builder.start();
    awaitReady();
  }

  private static void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline) && app.isAlive()) {
      try {
        if (get(management + "/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // The port opens once Flyway has migrated and the catalog has loaded.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("The packaged app did not become ready:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> get(String url, String... cookies) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
            .timeout(Duration.ofSeconds(5));
    if (cookies.length > 0) {
      request.header("Cookie", String.join("; ", cookies));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The name=value part of the response's Set-Cookie for this cookie, and its attributes. */
  private static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("set-cookie").stream()
        .filter(header -> header.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.destroy();
      app.waitFor();
    }
  }

  @Test
  void theFirstAdminFromTheEnvironmentSignsInAndReadsTheLibrary() throws Exception {
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("location")).hasValueSatisfying(l -> l.endsWith("/login"));

    HttpResponse<String> form = get("/login");
    String csrf = setCookie(form, "breachdrill-csrf").split(";")[0];
    String token = csrf.substring(csrf.indexOf('=') + 1);
    String body =
        "csrf-token="
            + token
            + "&next=%2Fscenarios&email="
            + enc(ADMIN_EMAIL)
            + "&password="
            + enc(ADMIN_PASSWORD);
    HttpResponse<String> signedIn =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String session = setCookie(signedIn, "breachdrill-session");
    assertThat(session).contains("HttpOnly", "SameSite=Lax", "Secure");

    HttpResponse<String> library = get("/scenarios", session.split(";")[0]);
    assertThat(library.statusCode()).isEqualTo(200);
    assertThat(library.body())
        .contains(
            "href=\"/scenarios/weights-walkout\"",
            "href=\"/scenarios/bucket-siphon\"",
            "href=\"/scenarios/contractor-keys\"",
            "href=\"/scenarios/tainted-checkpoint\"",
            "href=\"/scenarios/insider-model-code\"",
            "href=\"/scenarios/mfa-fatigue-tracking\"");
    assertThat(library.headers().firstValue("strict-transport-security")).isPresent();
    assertThat(Files.readString(log))
        .contains("Profile prod activated", "Created the first admin first.admin@example.com");
  }

  @Test
  void noSetupPageOnceTheFirstAdminExists() throws Exception {
    assertThat(get("/setup").statusCode()).isEqualTo(404);
  }

  @Test
  void readinessReportsTheDatabaseOnTheManagementPort() throws Exception {
    HttpResponse<String> ready = get(management + "/q/health/ready");
    assertThat(ready.body()).contains("\"status\": \"UP\"", "Database connections health check");
    assertThat(get("/q/health/ready").statusCode()).isEqualTo(404);
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
