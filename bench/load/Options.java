import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The harness's command line: {@code --name value} pairs, each known by name, with defaults. */
final class Options {

  static final String USAGE =
      """
      Usage: java -cp CLASSES LoadHarness [--option value]...
        --base URLS            the app, several nodes comma-separated (default http://127.0.0.1:18181)
        --management URLS      their management ports, for readiness (default http://127.0.0.1:19181)
        --pid PIDS             the app's process ids, comma-separated in --base order, for RSS and CPU
        --admin-email E        the first admin (BREACHDRILL_ADMIN_EMAIL)
        --admin-password P     and its password (BREACHDRILL_ADMIN_PASSWORD)
        --scenario FILE        the scenario the app serves (default bench/scenarios/load-bench.yaml)
        --drills N             drills run at once (default 10)
        --teams N              teams per drill (default 10, the app allows 20)
        --members N            participants per team (default 10)
        --speed X              drill speed (default 10)
        --run-seconds S        wall seconds from start to finish (default: the scenario's duration at
                               that speed, plus 2 s)
        --start-spread-ms MS   spread the drills' starts over this long (default 0: back to back)
        --page-rate R          participant page requests a second during the drill (default 300)
        --console-rate R       facilitator console requests a second during the drill (default 2)
        --race-share F         share of decisions 2-4 members answer at the same instant (default 0.2)
        --late-share F         share of decisions answered after their time limit (default 0.1)
        --join-concurrency N   participants joining at once during set-up (default 8)
        --http-clients N       HTTP clients sharing the connections (default 4)
        --idle-seconds S       seconds of idle RSS sampling before the set-up (default 3)
        --clk-tck N            clock ticks a second of /proc/PID/stat (default 100)
        --seed N               random seed of think times and choices (default 1)
        --out FILE             raw numbers as CSV (default load-results.csv; resources in
                               FILE with -resources before .csv)
        --max-inject-p99 MS    fail when inject delivery p99 exceeds it
        --max-decision-p99 MS  fail when decision-to-teammates p99 exceeds it
        --max-page-p99 MS      fail when participant page p99 exceeds it
        --max-console-p99 MS   fail when facilitator page p99 exceeds it
        --max-rss-mb MB        fail when any node's peak RSS under load exceeds it
      Exit status: 0 all well, 1 an error, a lost or duplicated event or a limit exceeded,
      2 the run itself failed.\
      """;

  private static final List<String> KNOWN =
      List.of(
          "base",
          "management",
          "pid",
          "admin-email",
          "admin-password",
          "scenario",
          "drills",
          "teams",
          "members",
          "speed",
          "run-seconds",
          "start-spread-ms",
          "page-rate",
          "console-rate",
          "race-share",
          "late-share",
          "join-concurrency",
          "http-clients",
          "idle-seconds",
          "clk-tck",
          "seed",
          "out",
          "max-inject-p99",
          "max-decision-p99",
          "max-page-p99",
          "max-console-p99",
          "max-rss-mb");

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /** Null for --help; an IllegalArgumentException says what is wrong. */
  static Options parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        return null;
      }
      if (!args[i].startsWith("--") || !KNOWN.contains(args[i].substring(2))) {
        throw new IllegalArgumentException("unknown argument " + args[i] + "; see --help");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Options(values);
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required; see --help");
    }
    return value;
  }

  List<String> list(String name, String fallback) {
    String value = values.getOrDefault(name, fallback);
    return value.isBlank()
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  int integer(String name, int fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a whole number, not " + value);
    }
  }

  double decimal(String name, double fallback) {
    OptionalDouble value = optionalDecimal(name);
    return value.isPresent() ? value.getAsDouble() : fallback;
  }

  OptionalDouble optionalDecimal(String name) {
    String value = values.get(name);
    try {
      return value == null
          ? OptionalDouble.empty()
          : OptionalDouble.of(Double.parseDouble(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a number, not " + value);
    }
  }
}
