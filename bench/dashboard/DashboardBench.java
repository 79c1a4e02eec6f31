import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the managers' dashboard and its CSV exports on a running app, signed in as a manager. A
 * single-file, JDK-only client for {@code bench/dashboard.sh}: {@code java
 * bench/dashboard/DashboardBench.java --help}.
 *
 * <p>For each address: WARMUP requests, then RUNS timed ones, one at a time, each from sending the
 * request to the last byte of the body; p50, p95, p99 (nearest rank) and max, with the body's size.
 * Any answer but 200 stops the run.
 */
public final class DashboardBench {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    if (options.containsKey("help")) {
      System.out.println(
          """
          Usage: java bench/dashboard/DashboardBench.java --base URL --email E --password P
                   [--warmup 20] [--runs 200] [--only SUBSTRING] [--pid APP_PID]
          Signs in (the account must be a manager) and times GET /dashboard with and without
          filters, a later page, and every CSV export.\
          """);
      return;
    }
    String base = options.getOrDefault("base", "http://127.0.0.1:18281");
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "200"));
    String only = options.get("only");
    String pid = options.get("pid");

    Session session = new Session(base);
    session.signIn(options.get("email"), options.get("password"));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<String> paths =
        List.of(
            "/dashboard",
            "/dashboard?scenario=weights-walkout",
            "/dashboard?team=" + encode("SOC Tier 1"),
            "/dashboard?from=" + today.minusMonths(6) + "&to=" + today.minusMonths(3),
            "/dashboard?scenario=bucket-siphon&team=" + encode("ml platform") + "&page=2",
            "/dashboard?page=40",
            "/dashboard/drills.csv",
            "/dashboard/drills.csv?team=" + encode("SOC Tier 1"),
            "/dashboard/controls.csv",
            "/dashboard/steps.csv",
            "/dashboard/coverage.csv");
    System.out.printf(
        Locale.ROOT,
        "%-62s %5s %8s %8s %8s %8s %10s %9s%n",
        "GET (as a manager)",
        "n",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "bytes",
        "app CPU");
    List<String> chosen =
        paths.stream().filter(path -> only == null || path.contains(only)).toList();
    // every address warms up before any is timed, so the first one timed pays no more JIT
    for (int i = 0; i < warmup; i++) {
      for (String path : chosen) {
        session.time(path);
      }
    }
    for (String path : chosen) {
      long bytes = 0;
      long[] nanos = new long[runs];
      long cpuBefore = cpuMillis(pid);
      for (int i = 0; i < runs; i++) {
        long[] timed = session.time(path);
        nanos[i] = timed[0];
        bytes = timed[1];
      }
      long cpu = cpuMillis(pid) - cpuBefore;
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "%-62s %5d %8.1f %8.1f %8.1f %8.1f %10d %9s%n",
          path,
          runs,
          rank(nanos, 50),
          rank(nanos, 95),
          rank(nanos, 99),
          nanos[runs - 1] / 1e6,
          bytes,
          pid == null ? "" : String.format(Locale.ROOT, "%.1f ms", (double) cpu / runs));
    }
  }

  /**
   * CPU time the app's process has used (all its threads: requests, JIT, GC), from Linux's
   * /proc/PID/stat; per request it does not grow when other processes load the machine, as wall
   * times do. 0 without a pid.
   */
  private static long cpuMillis(String pid) throws Exception {
    if (pid == null) {
      return 0;
    }
    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1000 / 100; // USER_HZ is 100 on Linux
  }

  /** Nearest rank, in milliseconds. */
  private static double rank(long[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (name.equals("help")) {
        options.put(name, "");
      } else {
        options.put(name, args[++i]);
      }
    }
    return options;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A signed-in browser, reduced to its cookies. */
  static final class Session {
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Session(String base) {
      this.base = base;
    }

    void signIn(String email, String password) throws Exception {
      HttpResponse<String> login = send(request("/login").GET());
      Matcher token =
          Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(login.body());
      if (!token.find()) {
        throw new IllegalStateException("no CSRF token on /login");
      }
      String form =
          "csrf-token="
              + encode(token.group(1))
              + "&next=%2F&email="
              + encode(email)
              + "&password="
              + encode(password);
      HttpResponse<String> signedIn =
          send(
              request("/login")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      if (signedIn.statusCode() != 303) {
        throw new IllegalStateException("signing in answered " + signedIn.statusCode());
      }
    }

    /** Nanoseconds until the whole body arrived, and its size in bytes. */
    long[] time(String path) throws Exception {
      HttpRequest request = request(path).GET().build();
      long start = System.nanoTime();
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long nanos = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return new long[] {nanos, response.body().length};
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
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
        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return response;
    }
  }
}
