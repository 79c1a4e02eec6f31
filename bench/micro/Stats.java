import java.util.Arrays;

/** Timings in nanoseconds, summarised with nearest-rank percentiles, printed in milliseconds. */
final class Stats {

  private final String name;
  private final long[] samples;
  private int count;

  Stats(String name, int capacity) {
    this.name = name;
    this.samples = new long[capacity];
  }

  void add(long nanos) {
    samples[count++] = nanos;
  }

  /** Nearest rank: the smallest sample with at least p percent of the samples at or below it. */
  long percentile(double p) {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, rank - 1)];
  }

  long max() {
    return percentile(100);
  }

  String line() {
    return String.format(
        "%-34s n=%-5d p50=%8s ms  p95=%8s ms  p99=%8s ms  max=%8s ms",
        name, count, ms(percentile(50)), ms(percentile(95)), ms(percentile(99)), ms(max()));
  }

  static String ms(long nanos) {
    return String.format("%.3f", nanos / 1e6);
  }
}
