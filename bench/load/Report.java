import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The printed table (nearest-rank percentiles) and the raw numbers as CSV. */
final class Report {

  private Report() {}

  /** Nearest rank: the smallest value with at least p % of the values at or below it. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "  %-34s %8s %9s %9s %9s %9s",
        "latency (ms)",
        "count",
        "p50",
        "p95",
        "p99",
        "max");
  }

  static String line(String label, List<Double> sorted) {
    if (sorted.isEmpty()) {
      return String.format(
          Locale.ROOT, "  %-34s %8d %9s %9s %9s %9s", label, 0, "-", "-", "-", "-");
    }
    return String.format(
        Locale.ROOT,
        "  %-34s %8d %9.1f %9.1f %9.1f %9.1f",
        label,
        sorted.size(),
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  static void writeRows(Path file, List<Results.Row> rows, long originWallMs) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      out.print("kind,node,drill,team,client,seq,at_ms,value_ms,status\r\n");
      for (Results.Row row : rows) {
        out.print(
            String.format(
                Locale.ROOT,
                "%s,%d,%d,%s,%s,%s,%s,%.3f,%s\r\n",
                row.kind(),
                row.node() + 1,
                row.drill() + 1,
                row.teamId() < 0 ? "" : Long.toString(row.teamId()),
                row.client() < 0 ? "" : Integer.toString(row.client()),
                row.seq() < 0 ? "" : Long.toString(row.seq()),
                row.atWallMs() < 0 ? "" : Long.toString(row.atWallMs() - originWallMs),
                row.valueMs(),
                row.status() < 0 ? "" : Integer.toString(row.status())));
      }
    }
  }

  static void writeResources(Path file, List<ResourceSampler.Sample> samples, long originWallMs)
      throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      out.print("at_ms,node,pid,rss_mb,cpu_ticks\r\n");
      for (ResourceSampler.Sample s : samples) {
        out.print(
            String.format(
                Locale.ROOT,
                "%d,%d,%d,%.1f,%d\r\n",
                s.wallMs() - originWallMs,
                s.node() + 1,
                s.pid(),
                s.rssKb() / 1024.0,
                s.cpuTicks()));
      }
    }
  }
}
