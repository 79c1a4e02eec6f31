import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load harness: against running Breachdrill nodes, creates drills through the forms, joins
 * simulated participants through join links, holds one live stream per participant (and one console
 * stream per drill), lets the teams decide (some late, some racing), loads participant and
 * facilitator pages at a fixed rate, samples the nodes' memory and CPU, and then checks every
 * client's messages against the drills' logs. See bench/README.md and {@code --help}.
 */
public final class LoadHarness {

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(Options.USAGE);
      return;
    }
    int status;
    try {
      status = new LoadHarness(options).run();
    } catch (Exception e) {
      System.err.println("load: the run failed: " + e);
      e.printStackTrace();
      status = 2;
    }
    System.exit(status);
  }

  private final Options options;
  private final List<String> bases;
  private final List<Long> pids;
  private final int drillCount;
  private final int teamCount;
  private final int memberCount;
  private final double speed;
  private final long seed;
  private final List<HttpClient> clients = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "load-timer");
            thread.setDaemon(true);
            return thread;
          });
  private final Results results = new Results();
  private final ResourceSampler sampler;
  private final Decider.Clocks clocks;
  private final Map<Long, List<LiveClient>> teams = new ConcurrentHashMap<>();
  private final Decider decider;

  private final List<Setup.Drill> drills = new ArrayList<>();
  private final List<LiveClient> players = new ArrayList<>();
  private final List<LiveClient> consoles = new ArrayList<>();
  private final Map<Integer, List<Verifier.Event>> logs = new HashMap<>();
  private List<Session> facilitators;
  private PageLoad pages;
  private PageLoad consolePages;
  private long origin;
  private long idleEnd;
  private long connectedAt;
  private long loadStart;
  private long loadEnd;
  private long finishEnd;
  private double harnessCpu;

  private LoadHarness(Options options) {
    this.options = options;
    this.bases = options.list("base", "http://127.0.0.1:18181");
    this.pids = options.list("pid", "").stream().map(Long::parseLong).toList();
    this.drillCount = options.integer("drills", 10);
    this.teamCount = options.integer("teams", 10);
    this.memberCount = options.integer("members", 10);
    this.speed = options.decimal("speed", 10);
    this.seed = options.integer("seed", 1);
    this.sampler = new ResourceSampler(pids, options.integer("clk-tck", 100));
    this.clocks = new Decider.Clocks(speed);
    this.decider =
        new Decider(
            teams,
            clocks,
            timer,
            options.decimal("race-share", 0.2),
            options.decimal("late-share", 0.1),
            seed);
    int count = Math.max(1, options.integer("http-clients", 4));
    // A few threads do the clients' work; no stream holds one.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.max(4, 2 * count),
            r -> {
              Thread thread = new Thread(r, "http");
              thread.setDaemon(true);
              return thread;
            });
    for (int i = 0; i < count; i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .executor(executor)
              .build());
    }
  }

  private HttpClient client(int i) {
    return clients.get(Math.floorMod(i, clients.size()));
  }

  private int run() throws Exception {
    Path scenarioFile = Path.of(options.text("scenario", "bench/scenarios/load-bench.yaml"));
    String scenario = Files.readString(scenarioFile);
    String scenarioId = match("(?m)^id:\\s*(\\S+)", scenario, scenarioFile + " has no id");
    long durationMs =
        millis(match("(?m)^duration:\\s*(\\S+)", scenario, scenarioFile + " has no duration"));
    if (Pattern.compile("(?m)^\\s+to:").matcher(scenario).find()) {
      System.out.println(
          "Warning: injects with `to` reach only some members; the harness expects every member"
              + " to see every inject, so it will report those as lost.");
    }
    OptionalDouble runSeconds = options.optionalDecimal("run-seconds");
    long runMs =
        runSeconds.isPresent()
            ? (long) (runSeconds.getAsDouble() * 1000)
            : (long) (durationMs / speed) + 2000;
    String adminEmail = options.required("admin-email");
    String adminPassword = options.required("admin-password");
    System.out.printf(
        Locale.ROOT,
        "Breachdrill load: %d drills x %d teams x %d members = %d participants on %d node(s) %s,"
            + " scenario %s at %sx for %.0f s, pages %s/s + console %s/s, seed %d%n",
        drillCount,
        teamCount,
        memberCount,
        drillCount * teamCount * memberCount,
        bases.size(),
        bases,
        scenarioId,
        trim(speed),
        runMs / 1000.0,
        trim(options.decimal("page-rate", 300)),
        trim(options.decimal("console-rate", 2)),
        seed);

    for (String management : options.list("management", "http://127.0.0.1:19181")) {
      awaitReady(management, Duration.ofSeconds(120));
    }
    origin = System.currentTimeMillis();
    sampler.start();
    Thread.sleep(Math.max(1, options.integer("idle-seconds", 3)) * 1000L);
    idleEnd = System.currentTimeMillis();
    printResources("idle", origin, idleEnd);

    setUp(scenarioId, adminEmail, adminPassword);
    start();
    runFor(runMs);
    finish();

    Verifier verifier = new Verifier(results);
    List<Decider.Answer> answers = decider.answers();
    List<LiveClient> everyone = everyone();
    for (int d = 0; d < drillCount; d++) {
      int drill = d;
      verifier.verify(
          d, logs.get(d), everyone.stream().filter(c -> c.drill == drill).toList(), answers);
    }
    Decider.Tally tally = Decider.judge(answers, results);
    printReport(verifier, tally, answers.size());
    Path out = Path.of(options.text("out", "load-results.csv"));
    Path resources = resourcesFile(out);
    Report.writeRows(out, results.rows(), loadStart);
    Report.writeResources(resources, sampler.samples(), loadStart);
    System.out.println(
        "Raw numbers: " + out + " and " + resources + " (at_ms from the first start)");
    return verdict();
  }

  private void setUp(String scenarioId, String adminEmail, String adminPassword) throws Exception {
    Setup setup = new Setup(bases, this::client, timer);
    facilitators = setup.facilitators(adminEmail, adminPassword);
    for (int d = 0; d < drillCount; d++) {
      drills.add(setup.drill(facilitators.get(0), d, scenarioId, teamCount, trim(speed)));
    }
    System.out.printf(
        Locale.ROOT,
        "Set-up: %d drills with %d teams each, a join link per team%n",
        drillCount,
        teamCount);

    long joinStart = System.nanoTime();
    ExecutorService joining =
        Executors.newFixedThreadPool(Math.max(1, options.integer("join-concurrency", 8)));
    List<Future<LiveClient>> joined = new ArrayList<>();
    for (int d = 0; d < drillCount; d++) {
      for (int t = 0; t < teamCount; t++) {
        for (int m = 0; m < memberCount; m++) {
          int index = (d * teamCount + t) * memberCount + m;
          int drill = d;
          int team = t;
          int member = m;
          joined.add(
              joining.submit(
                  () -> setup.join(index, drills.get(drill), drill, team, member, decider)));
        }
      }
    }
    try {
      for (Future<LiveClient> future : joined) {
        players.add(future.get());
      }
    } finally {
      joining.shutdownNow();
    }
    for (LiveClient player : players) {
      teams.computeIfAbsent(player.teamId, id -> new ArrayList<>()).add(player);
    }
    for (int d = 0; d < drillCount; d++) {
      consoles.add(setup.console(players.size() + d, drills.get(d), d, facilitators, decider));
    }
    connectedAt = System.currentTimeMillis();
    sampler.sampleNow();
    System.out.printf(
        Locale.ROOT,
        "Joined: %d participants in %.1f s; %d participant and %d console streams open%n",
        players.size(),
        (System.nanoTime() - joinStart) / 1e9,
        players.size(),
        consoles.size());
    printResources("with streams open", idleEnd, connectedAt);
  }

  /** Starts every drill (spread if asked) and the page load. */
  private void start() throws Exception {
    Session boss = facilitators.get(0);
    long spread = options.integer("start-spread-ms", 0);
    loadStart = System.currentTimeMillis();
    for (int d = 0; d < drillCount; d++) {
      if (d > 0 && spread > 0) {
        Thread.sleep(spread / Math.max(1, drillCount - 1));
      }
      clocks.started(d, System.currentTimeMillis());
      boss.expect303(boss.post("/drills/" + drills.get(d).id() + "/start"), "starting a drill");
    }
    // The exact start is in the log; the decisions' think times are planned against it.
    for (int d = 0; d < drillCount; d++) {
      for (Verifier.Event event : Verifier.events(boss.json(eventsPath(drills.get(d))))) {
        if (event.type().equals("STARTED")) {
          clocks.started(d, event.atMs());
        }
      }
    }
    List<PageLoad.Target> pageTargets = new ArrayList<>();
    for (LiveClient player : players) {
      pageTargets.add(
          new PageLoad.Target(
              player.session,
              "/teams/" + player.teamId,
              player.node,
              player.drill,
              player.teamId,
              player.index));
    }
    List<PageLoad.Target> consoleTargets = new ArrayList<>();
    for (LiveClient console : consoles) {
      consoleTargets.add(
          new PageLoad.Target(
              console.session,
              "/drills/" + drills.get(console.drill).id(),
              console.node,
              console.drill,
              -1,
              -1));
    }
    pages =
        new PageLoad(
            Results.PARTICIPANT_PAGE,
            options.decimal("page-rate", 300),
            pageTargets,
            results,
            seed);
    consolePages =
        new PageLoad(
            Results.FACILITATOR_PAGE,
            options.decimal("console-rate", 2),
            consoleTargets,
            results,
            seed + 1);
    pages.start();
    consolePages.start();
    System.out.printf(
        Locale.ROOT,
        "Started %d drills in %d ms%n",
        drillCount,
        System.currentTimeMillis() - loadStart);
  }

  private void runFor(long runMs) throws InterruptedException {
    long cpuStart = harnessCpuNanos();
    long end = System.currentTimeMillis() + runMs;
    System.out.println("Running until " + Instant.ofEpochMilli(end));
    long nextReport = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
      if (System.currentTimeMillis() >= nextReport) {
        nextReport += 30_000;
        System.out.printf(
            Locale.ROOT,
            "  +%3.0f s: %d messages received, %d decisions reached teams, %d + %d pages sent,"
                + " %d errors%n",
            (System.currentTimeMillis() - loadStart) / 1000.0,
            received(everyone()),
            decider.planned(),
            pages.sent(),
            consolePages.sent(),
            results.errorTotal());
      }
    }
    decider.stop();
    pages.stop();
    consolePages.stop();
    loadEnd = System.currentTimeMillis();
    harnessCpu = (harnessCpuNanos() - cpuStart) / 1e4 / Math.max(1, loadEnd - loadStart);
  }

  /** Finishes every drill, waits until every page has received the end, closes the streams. */
  private void finish() throws Exception {
    Session boss = facilitators.get(0);
    for (Setup.Drill drill : drills) {
      boss.expect303(boss.post("/drills/" + drill.id() + "/finish"), "finishing a drill");
    }
    Map<Integer, Long> finished = new HashMap<>();
    for (int d = 0; d < drillCount; d++) {
      List<Verifier.Event> log = Verifier.events(boss.json(eventsPath(drills.get(d))));
      logs.put(d, log);
      finished.put(
          d,
          log.stream()
              .filter(e -> e.type().equals("FINISHED"))
              .mapToLong(Verifier.Event::seq)
              .max()
              .orElse(Long.MAX_VALUE));
    }
    List<LiveClient> everyone = everyone();
    long waitUntil = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < waitUntil
        && everyone.stream().anyMatch(c -> c.lastSeq() < finished.get(c.drill))) {
      Thread.sleep(100);
    }
    finishEnd = System.currentTimeMillis();
    // A moment for a late duplicate to show up before the streams close.
    Thread.sleep(500);
    everyone.forEach(LiveClient::close);
    long settle = System.currentTimeMillis() + Session.TIMEOUT.toMillis();
    while (System.currentTimeMillis() < settle
        && (pages.inFlight() > 0 || consolePages.inFlight() > 0)) {
      Thread.sleep(100);
    }
    sampler.sampleNow();
    sampler.stop();
  }

  private void printReport(Verifier verifier, Decider.Tally tally, int posts) throws IOException {
    System.out.println();
    System.out.println(Report.header());
    line("inject delivery (due -> client)", Results.INJECT, -1);
    line("decision -> every teammate", Results.DECISION, -1);
    line("participant page", Results.PARTICIPANT_PAGE, -1);
    line("facilitator page", Results.FACILITATOR_PAGE, -1);
    line("decision time-out (due -> client)", Results.TIMEOUT, -1);
    line("inject delivery to consoles", Results.CONSOLE_INJECT, -1);
    line("decision POST (send -> answer)", Results.DECISION_POST, -1);
    for (int node = 0; bases.size() > 1 && node < bases.size(); node++) {
      String which = " on node " + (node + 1);
      line("inject delivery" + which, Results.INJECT, node);
      line("decision -> teammates" + which, Results.DECISION, node);
      line("participant page" + which, Results.PARTICIPANT_PAGE, node);
    }
    System.out.println();
    double window = Math.max(1, finishEnd - loadStart) / 1000.0;
    long inWindow = 0;
    long peak = 0;
    for (long n : messagesPerSecond(everyone(), loadStart, finishEnd)) {
      inWindow += n;
      peak = Math.max(peak, n);
    }
    double loadSeconds = Math.max(1, loadEnd - loadStart) / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "Throughput: %.0f messages/s to clients (%d in %.0f s, peak %d in one second);"
            + " pages %.1f req/s (participant %.1f, facilitator %.1f, most in flight %d);"
            + " %d decision POSTs%n",
        inWindow / window,
        inWindow,
        window,
        peak,
        (pages.sent() + consolePages.sent()) / loadSeconds,
        pages.sent() / loadSeconds,
        consolePages.sent() / loadSeconds,
        Math.max(pages.maxInFlight(), consolePages.maxInFlight()),
        posts);
    System.out.printf(
        Locale.ROOT,
        "Decisions: %d reached teams, %d answered before the finish: %d by one member, %d races"
            + " (%d with one winner, %d expected 409 \"Already decided\"), %d late (%d refused as"
            + " late, %d accepted); %d timed out in the log%n",
        decider.planned(),
        tally.single() + tally.races() + tally.late(),
        tally.single(),
        tally.races(),
        tally.racesWon(),
        tally.raceLosses(),
        tally.late(),
        tally.lateRefused(),
        tally.lateAccepted(),
        logs.values().stream()
            .flatMap(List::stream)
            .filter(e -> e.type().equals("DECISION_TIMED_OUT"))
            .count());
    System.out.printf(
        Locale.ROOT,
        "Messages: %d expected at clients, %d received, %d lost, %d duplicated, %d not meant for"
            + " the client%n",
        verifier.expected,
        verifier.delivered,
        verifier.lost,
        verifier.duplicated,
        verifier.unexpected);
    for (int node = 0; node < pids.size(); node++) {
      ResourceSampler.Summary idle = sampler.summary(node, origin, idleEnd);
      ResourceSampler.Summary open = sampler.summary(node, idleEnd, connectedAt + 1);
      ResourceSampler.Summary load = sampler.summary(node, loadStart, loadEnd);
      System.out.printf(
          Locale.ROOT,
          "Node %d (pid %d): RSS idle %s, with streams open %s, peak under load %s;"
              + " CPU under load avg %s, peak %s (%% of one core)%n",
          node + 1,
          pids.get(node),
          mb(idle.lastRssKb()),
          mb(open.lastRssKb()),
          mb(load.peakRssKb()),
          pct(load.avgCpu()),
          pct(load.peakCpu()));
    }
    System.out.printf(
        Locale.ROOT,
        "Harness: CPU avg %.0f%% of one core under load, %d threads at most; machine load %s%n",
        harnessCpu,
        ManagementFactory.getThreadMXBean().getPeakThreadCount(),
        Files.readString(Path.of("/proc/loadavg")).strip());
    Map<String, Long> errors = results.errors();
    if (errors.isEmpty()) {
      System.out.println("Errors: none");
    } else {
      System.out.println("Errors: " + errors);
      results.examples().forEach(e -> System.out.println("  " + e));
    }
  }

  private void line(String label, String kind, int node) {
    System.out.println(Report.line(label, results.values(kind, node)));
  }

  /** 0 when there is no error and every limit given holds; 1 otherwise, saying why. */
  private int verdict() {
    List<String> failed = new ArrayList<>();
    limit(failed, "inject delivery", Results.INJECT, "max-inject-p99");
    limit(failed, "decision to teammates", Results.DECISION, "max-decision-p99");
    limit(failed, "participant page", Results.PARTICIPANT_PAGE, "max-page-p99");
    limit(failed, "facilitator page", Results.FACILITATOR_PAGE, "max-console-p99");
    OptionalDouble maxRss = options.optionalDecimal("max-rss-mb");
    for (int node = 0; node < pids.size() && maxRss.isPresent(); node++) {
      OptionalLong peak = sampler.summary(node, loadStart, loadEnd).peakRssKb();
      if (peak.isPresent() && peak.getAsLong() / 1024.0 > maxRss.getAsDouble()) {
        failed.add(
            "node "
                + (node + 1)
                + " peak RSS "
                + mb(peak)
                + " > "
                + trim(maxRss.getAsDouble())
                + " MB");
      }
    }
    if (results.errorTotal() > 0) {
      failed.add(results.errorTotal() + " errors");
    }
    if (failed.isEmpty()) {
      System.out.println("OK");
      return 0;
    }
    System.out.println("FAIL: " + String.join("; ", failed));
    return 1;
  }

  private void limit(List<String> failed, String label, String kind, String option) {
    OptionalDouble max = options.optionalDecimal(option);
    List<Double> values = results.values(kind);
    if (max.isPresent() && !values.isEmpty()) {
      double p99 = Report.percentile(values, 99);
      if (p99 > max.getAsDouble()) {
        failed.add(
            String.format(
                Locale.ROOT, "%s p99 %.1f ms > %s ms", label, p99, trim(max.getAsDouble())));
      }
    }
  }

  private List<LiveClient> everyone() {
    List<LiveClient> everyone = new ArrayList<>(players);
    everyone.addAll(consoles);
    return everyone;
  }

  private void printResources(String label, long from, long to) {
    for (int node = 0; node < pids.size(); node++) {
      System.out.printf(
          Locale.ROOT,
          "Node %d (pid %d) %s: RSS %s%n",
          node + 1,
          pids.get(node),
          label,
          mb(sampler.summary(node, from, to + 1).lastRssKb()));
    }
  }

  private static String eventsPath(Setup.Drill drill) {
    return "/api/drills/" + drill.id() + "/events";
  }

  private static long received(List<LiveClient> clients) {
    long total = 0;
    for (LiveClient client : clients) {
      total += client.received();
    }
    return total;
  }

  /** Messages that reached any client in each second of the window. */
  private static long[] messagesPerSecond(List<LiveClient> clients, long fromMs, long toMs) {
    long[] buckets = new long[(int) Math.max(1, (toMs - fromMs) / 1000 + 1)];
    for (LiveClient client : clients) {
      for (long micros : client.arrivals().wallMicros()) {
        long ms = micros / 1000;
        if (ms >= fromMs && ms <= toMs) {
          buckets[(int) ((ms - fromMs) / 1000)]++;
        }
      }
    }
    return buckets;
  }

  private static long harnessCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : 0;
  }

  private static String mb(OptionalLong kb) {
    return kb.isPresent() ? String.format(Locale.ROOT, "%.0f MB", kb.getAsLong() / 1024.0) : "-";
  }

  private static String pct(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.0f%%", value.getAsDouble()) : "-";
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static Path resourcesFile(Path csv) {
    String name = csv.getFileName().toString();
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return csv.resolveSibling(base + "-resources.csv");
  }

  private static String match(String regex, String text, String problem) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(problem);
    }
    return m.group(1);
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

  static void awaitReady(String management, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<Void> ready =
            http.send(
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
}
