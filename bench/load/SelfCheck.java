import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How much delay and CPU the harness's own stream reading costs, without the app: an in-process
 * server writes a message of the app's size to every stream in bursts, as a delivery to every team
 * does, and each message's latency runs from the write to its stream to its arrival at the client.
 * {@code java -cp CLASSES SelfCheck [STREAMS] [BURSTS] [PORT]}.
 */
public final class SelfCheck {

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int bursts = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 18183;
    Map<Integer, OutputStream> outs = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), streams);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/s",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          String query = exchange.getRequestURI().getQuery();
          outs.put(
              Integer.parseInt(query.substring(query.indexOf("c=") + 2)),
              exchange.getResponseBody());
        });
    server.start();

    ExecutorService executor = Executors.newFixedThreadPool(8);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build());
    }
    List<LiveClient> live = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      Session session = new Session("http://127.0.0.1:" + port, clients.get(i % clients.size()));
      LiveClient client =
          new LiveClient(
              i,
              LiveClient.Kind.PARTICIPANT,
              0,
              0,
              1,
              "stream " + i,
              session,
              "/s?after=0&c=" + i,
              (c, seq, data) -> {},
              timer);
      client.open();
      live.add(client);
    }
    for (LiveClient client : live) {
      client.connected.get(30, TimeUnit.SECONDS);
    }
    while (outs.size() < streams) {
      Thread.sleep(10);
    }

    String fragment = "<div id=\"item\">" + "x".repeat(1500) + "</div>";
    long[][] written = new long[bursts + 1][streams];
    long cpuBefore = cpuNanos();
    for (int k = 1; k <= bursts; k++) {
      byte[] message =
          ("id: " + k + "\nevent: update\ndata: " + fragment + "\n\n")
              .getBytes(StandardCharsets.UTF_8);
      for (int j = 0; j < streams; j++) {
        written[k][j] = System.nanoTime();
        write(outs.get(j), message);
      }
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    long cpu = cpuNanos() - cpuBefore;

    List<Double> latencies = new ArrayList<>();
    for (LiveClient client : live) {
      LiveClient.Arrivals arrivals = client.arrivals();
      for (int i = 0; i < arrivals.seqs().length; i++) {
        latencies.add(
            (arrivals.nanos()[i] - written[(int) arrivals.seqs()[i]][client.index]) / 1e6);
      }
    }
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "%d streams x %d bursts: %d of %d messages arrived; write to arrival p50 %.1f ms, p95 %.1f"
            + " ms, p99 %.1f ms, max %.1f ms; %.0f us of CPU a message (server and client)%n",
        streams,
        bursts,
        latencies.size(),
        (long) streams * bursts,
        Report.percentile(latencies, 50),
        Report.percentile(latencies, 95),
        Report.percentile(latencies, 99),
        latencies.get(latencies.size() - 1),
        cpu / 1e3 / Math.max(1, latencies.size()));
    System.exit(latencies.size() == (long) streams * bursts ? 0 : 1);
  }

  private static void write(OutputStream out, byte[] message) throws IOException {
    out.write(message);
    out.flush();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
