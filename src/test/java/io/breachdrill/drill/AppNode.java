package io.breachdrill.drill;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app as one node: a JVM running target/quarkus-app/quarkus-run.jar on its own ports,
 * with its own log, on the given database. It can be killed as a crash would (SIGKILL to the JVM
 * itself, no shutdown hooks) and started again on the same ports, as a supervisor restarts it.
 */
public final class AppNode {

  static final String ADMIN_EMAIL = "it.admin@example.com";
  static final String ADMIN_PASSWORD = "the integration tests' admin secret";
  static final Duration STARTUP = Duration.ofSeconds(120);

  /** What Java reports for a process ended by SIGKILL (128 + 9). */
  private static final int KILLED = 137;

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A health endpoint's answer; status -1 when nothing answered. */
  record Health(int status, String body) {}

  final String name;
  final int port;
  final int managementPort;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Path log;
  private Process process;
  private int starts;

  public AppNode(String name, String jdbcUrl, Path scenarios) {
    this.name = name;
    int[] ports = freePorts(2);
    this.port = ports[0];
    this.managementPort = ports[1];
    settings.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
    settings.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    settings.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    settings.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
    settings.put("BREACHDRILL_ADMIN_EMAIL", ADMIN_EMAIL);
    settings.put("BREACHDRILL_ADMIN_PASSWORD", ADMIN_PASSWORD);
    settings.put("BREACHDRILL_SCENARIOS_DIR", scenarios.toString());
  }

  /** A scenario folder on the test class path, such as {@code /drill/faults}. */
  public static Path scenarios(String resource) {
    try {
      return Path.of(AppNode.class.getResource(resource).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  URI management(String path) {
    return URI.create("http://127.0.0.1:" + managementPort + path);
  }

  /** Starts the JVM (again, after a kill, on the same ports and database). */
  public AppNode start() throws IOException {
    if (alive()) {
      throw new IllegalStateException("node " + name + " is running");
    }
    starts++;
    log = Files.createTempFile("breachdrill-" + name + "-" + starts + "-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(settings);
    process = builder.start();
    return this;
  }

  /** Waits until readiness answers 200. */
  public AppNode awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline) && alive()) {
      if (health("ready").status() == 200) {
        return this;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "Node "
            + name
            + " did not become ready within "
            + STARTUP.toSeconds()
            + " s:\n"
            + tail(80));
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /**
   * Kills the JVM with SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook
   * runs, no transaction gets to finish.
   */
  public void kill() {
    if (!alive()) {
      return;
    }
    // The process is the JVM itself, not a shell around it, so the signal reaches the app.
    String command = process.info().command().orElse("");
    if (!command.endsWith("/java")) {
      throw new IllegalStateException("node " + name + " runs " + command + ", not a JVM");
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("node " + name + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (process.exitValue() != KILLED) {
      throw new AssertionError(
          "node " + name + " ended with " + process.exitValue() + ", not by SIGKILL");
    }
  }

  /** GET /q/health/{which} ("live", "ready") on the management port. */
  Health health(String which) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(management("/q/health/" + which))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Health(response.statusCode(), response.body());
    } catch (IOException notListening) {
      return new Health(-1, notListening.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(-1, "interrupted");
    }
  }

  /** The dispatcher's ticks and claimed drills on this node, from its Prometheus metrics. */
  Map<String, Double> metrics() throws Exception {
    String text =
        HTTP.send(
                HttpRequest.newBuilder(management("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> values = new HashMap<>();
    values.put("ticks", metric(text, "breachdrill_drill_dispatch_seconds_count"));
    values.put("claims", metric(text, "breachdrill_drill_dispatch_claims_total"));
    return values;
  }

  private static double metric(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
    if (!m.find()) {
      throw new AssertionError("no metric " + name + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  /** The last lines of this node's log since its latest start. */
  String tail(int lines) {
    if (log == null) {
      return "(node " + name + " never started)";
    }
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  Path log() {
    return log;
  }

  /** Distinct free ports, held open together so no two are the same. */
  static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          if (socket != null) {
            socket.close();
          }
        } catch (IOException ignored) {
          // the port is free again either way
        }
      }
    }
  }
}
