import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How late the dispatcher delivers scheduled injects, measured on a running Breachdrill: creates a
 * facilitator and a drill through the forms, starts it at 1x, waits for every timed inject and
 * reads the drill's events. An inject's delay is the drill time it was delivered at minus the drill
 * time it was due (at 1x, wall milliseconds). JDK only: {@code java bench/DeliveryDelay.java
 * --help}.
 */
public class DeliveryDelay {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println("delivery-delay: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.containsKey("help")) {
      System.out.println(
          """
          Usage: java bench/DeliveryDelay.java [--option value]...
            --base URL            the app (default http://127.0.0.1:18090)
            --management URL      its management port (default http://127.0.0.1:19090)
            --scenario FILE       the scenario the app serves (default bench/scenarios/delivery-bench.yaml)
            --teams N             teams in the drill (default 3)
            --admin-email E       the first admin, from BREACHDRILL_ADMIN_EMAIL
            --admin-password P    and BREACHDRILL_ADMIN_PASSWORD
            --limit-ms N          fail when p99 reaches it (default 250)
          Exit status: 0 p99 below the limit, 1 at or above it, 2 the run itself failed.\
          """);
      return;
    }
    try {
      System.exit(run(options));
    } catch (Exception | AssertionError e) {
      System.err.println("delivery-delay: " + e.getMessage());
      System.exit(2);
    }
  }

  static int run(Map<String, String> options) throws Exception {
    String base = options.getOrDefault("base", "http://127.0.0.1:18090");
    String management = options.getOrDefault("management", "http://127.0.0.1:19090");
    Path scenarioFile =
        Path.of(options.getOrDefault("scenario", "bench/scenarios/delivery-bench.yaml"));
    int teams = Integer.parseInt(options.getOrDefault("teams", "3"));
    long limit = Long.parseLong(options.getOrDefault("limit-ms", "250"));
    String adminEmail = required(options, "admin-email");
    String adminPassword = required(options, "admin-password");

    Scenario scenario = Scenario.read(scenarioFile);
    awaitReady(management, Duration.ofSeconds(120));

    Browser admin = new Browser(base);
    admin.signIn(adminEmail, adminPassword);
    String facilitatorEmail = "bench.facilitator." + System.currentTimeMillis() + "@example.com";
    String facilitatorPassword = "the benchmark's facilitator password";
    admin.get("/admin/users/new");
    admin.expect303(
        admin.post(
            "/admin/users",
            "email",
            facilitatorEmail,
            "displayName",
            "Bench Facilitator",
            "roles",
            "facilitator",
            "password",
            facilitatorPassword),
        "creating the facilitator");

    Browser facilitator = new Browser(base);
    facilitator.signIn(facilitatorEmail, facilitatorPassword);
    facilitator.get("/drills");
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= teams; i++) {
      names.add("Team " + i);
    }
    String location =
        facilitator.expect303(
            facilitator.post(
                "/drills",
                "scenario",
                scenario.id(),
                "title",
                "Delivery-delay benchmark",
                "teams",
                String.join("\n", names),
                "speed",
                "1"),
            "creating the drill");
    long drill = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    facilitator.get("/drills/" + drill);
    facilitator.expect303(facilitator.post("/drills/" + drill + "/start"), "starting the drill");

    int expected = scenario.timedInjects() * teams;
    System.out.printf(
        Locale.ROOT,
        "Drill %d started at 1x: %d timed injects x %d teams, the last due at %s; waiting.%n",
        drill,
        scenario.timedInjects(),
        teams,
        Duration.ofMillis(scenario.lastDueMs()));
    Instant deadline = Instant.now().plusMillis(scenario.lastDueMs()).plusSeconds(30);
    List<Long> delays = delays(facilitator.json("/api/drills/" + drill + "/events"));
    Instant nextReport = Instant.now().plusSeconds(30);
    while (delays.size() < expected) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "only " + delays.size() + " of " + expected + " injects arrived in time");
      }
      Thread.sleep(1000);
      delays = delays(facilitator.json("/api/drills/" + drill + "/events"));
      if (Instant.now().isAfter(nextReport)) {
        System.out.printf(Locale.ROOT, "  %d of %d delivered%n", delays.size(), expected);
        nextReport = nextReport.plusSeconds(30);
      }
    }
    facilitator.get("/drills/" + drill);
    facilitator.post("/drills/" + drill + "/finish");

    Collections.sort(delays);
    long p99 = percentile(delays, 99);
    System.out.printf(
        Locale.ROOT,
        "Delivery delay of %d scheduled injects (%d teams): median %d ms, p95 %d ms, p99 %d ms,"
            + " max %d ms (min %d ms)%n",
        delays.size(),
        teams,
        percentile(delays, 50),
        percentile(delays, 95),
        p99,
        delays.get(delays.size() - 1),
        delays.get(0));
    if (p99 >= limit) {
      System.out.printf(Locale.ROOT, "FAIL: p99 %d ms is not below %d ms%n", p99, limit);
      return 1;
    }
    System.out.printf(Locale.ROOT, "OK: p99 below %d ms%n", limit);
    return 0;
  }

  /** drillMs - dueMs of every scheduled delivery (not those a facilitator fired early). */
  static List<Long> delays(String eventsJson) {
    List<Long> delays = new ArrayList<>();
    for (String event : topLevelObjects(eventsJson)) {
      if (!event.contains("\"type\":\"INJECT_DELIVERED\"")) {
        continue;
      }
      Matcher due = Pattern.compile("\"dueMs\":(\\d+)").matcher(event);
      if (!due.find()) {
        continue;
      }
      Matcher at = Pattern.compile("\"drillMs\":(\\d+)").matcher(event);
      if (!at.find()) {
        throw new IllegalStateException("an event without drillMs: " + event);
      }
      delays.add(Long.parseLong(at.group(1)) - Long.parseLong(due.group(1)));
    }
    return delays;
  }

  /** The objects of a JSON array, as text; strings may hold braces. */
  static List<String> topLevelObjects(String json) {
    List<String> objects = new ArrayList<>();
    int depth = 0;
    int start = -1;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (depth++ == 0) {
          start = i;
        }
      } else if (c == '}' && --depth == 0) {
        objects.add(json.substring(start, i + 1));
      }
    }
    return objects;
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static void awaitReady(String management, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(management + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // Flyway and the scenario catalog run before the port opens.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the app at " + management + " did not become ready");
  }

  /** The scenario's id, its timed injects and the last one's due time, read with a regex. */
  record Scenario(String id, int timedInjects, long lastDueMs) {
    static Scenario read(Path file) throws IOException {
      String text = Files.readString(file);
      Matcher id = Pattern.compile("(?m)^id:\\s*(\\S+)").matcher(text);
      if (!id.find()) {
        throw new IllegalStateException(file + " has no id");
      }
      Matcher at = Pattern.compile("(?m)^\\s+at:\\s*(\\S+)").matcher(text);
      int count = 0;
      long last = 0;
      while (at.find()) {
        count++;
        last = Math.max(last, millis(at.group(1)));
      }
      return new Scenario(id.group(1), count, last);
    }

    static long millis(String duration) {
      Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(duration);
      if (!m.matches()) {
        throw new IllegalStateException("not a duration: " + duration);
      }
      long seconds = 0;
      for (int group = 1; group <= 3; group++) {
        long unit = group == 1 ? 3600 : group == 2 ? 60 : 1;
        seconds += m.group(group) == null ? 0 : Long.parseLong(m.group(group)) * unit;
      }
      return seconds * 1000;
    }
  }

  /** Cookies and the CSRF token of the last page, as a browser keeps them. */
  static final class Browser {
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken = "";

    Browser(String base) {
      this.base = base;
    }

    void signIn(String email, String password) throws Exception {
      get("/login");
      expect303(post("/login", "next", "/", "email", email, "password", password), "signing in");
    }

    HttpResponse<String> get(String path) throws Exception {
      HttpResponse<String> page = send(request(path).GET());
      Matcher token =
          Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.body());
      if (token.find()) {
        csrfToken = token.group(1);
      }
      return page;
    }

    String json(String path) throws Exception {
      HttpResponse<String> response =
          send(request(path).header("Accept", "application/json").GET());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    }

    HttpResponse<String> post(String path, String... namesAndValues) throws Exception {
      StringBuilder form = new StringBuilder("csrf-token=").append(encode(csrfToken));
      for (int i = 0; i < namesAndValues.length; i += 2) {
        form.append('&')
            .append(encode(namesAndValues[i]))
            .append('=')
            .append(encode(namesAndValues[i + 1]));
      }
      return send(
          request(path)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** The redirect's target; anything but a 303 is an error with the page's text. */
    String expect303(HttpResponse<String> response, String what) {
      if (response.statusCode() != 303) {
        throw new IllegalStateException(
            what + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.headers().firstValue("location").orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
      if (!cookies.isEmpty()) {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((name, value) -> pairs.add(name + "=" + value));
        request.header("Cookie", String.join("; ", pairs));
      }
      return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("set-cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
          cookies.remove(pair.substring(0, eq).strip());
        } else {
          cookies.put(pair.substring(0, eq).strip(), value);
        }
      }
      return response;
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + "; see --help");
      }
      String name = args[i].substring(2);
      if (name.equals("help")) {
        options.put(name, "");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required; see --help");
    }
    return value;
  }
}
