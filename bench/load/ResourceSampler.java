import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Once a second, each node's resident memory (VmRSS of /proc/PID/status) and CPU time (utime +
 * stime of /proc/PID/stat), so a run can report idle and peak RSS and CPU per node.
 */
final class ResourceSampler implements Runnable {

  /** One reading; cpuTicks is cumulative, -1 when the process could not be read. */
  record Sample(long wallMs, int node, long pid, long rssKb, long cpuTicks) {}

  /** A node's resources over a window. */
  record Summary(
      OptionalLong peakRssKb,
      OptionalLong lastRssKb,
      OptionalDouble avgCpu,
      OptionalDouble peakCpu) {}

  private final List<Long> pids;
  private final int clockTicks;
  private final List<Sample> samples = new ArrayList<>();
  private volatile boolean stopped;

  ResourceSampler(List<Long> pids, int clockTicks) {
    this.pids = pids;
    this.clockTicks = clockTicks;
  }

  Thread start() {
    Thread thread = new Thread(this, "resource-sampler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void stop() {
    stopped = true;
  }

  List<Long> pids() {
    return pids;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  @Override
  public void run() {
    long next = System.currentTimeMillis();
    while (!stopped) {
      sampleNow();
      next += 1000;
      long wait = next - System.currentTimeMillis();
      if (wait > 0) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  void sampleNow() {
    long now = System.currentTimeMillis();
    List<Sample> read = new ArrayList<>();
    for (int node = 0; node < pids.size(); node++) {
      long pid = pids.get(node);
      read.add(new Sample(now, node, pid, rssKb(pid), cpuTicks(pid)));
    }
    synchronized (this) {
      samples.addAll(read);
    }
  }

  /** Peak and last RSS, average and peak CPU (% of one core) of a node between two instants. */
  Summary summary(int node, long fromMs, long toMs) {
    List<Sample> window =
        samples().stream()
            .filter(s -> s.node() == node && s.wallMs() >= fromMs && s.wallMs() <= toMs)
            .filter(s -> s.rssKb() >= 0)
            .toList();
    if (window.isEmpty()) {
      return new Summary(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty());
    }
    long peak = window.stream().mapToLong(Sample::rssKb).max().orElseThrow();
    long last = window.get(window.size() - 1).rssKb();
    OptionalDouble avg = OptionalDouble.empty();
    OptionalDouble max = OptionalDouble.empty();
    if (window.size() > 1) {
      Sample first = window.get(0);
      Sample end = window.get(window.size() - 1);
      avg = OptionalDouble.of(cpu(first, end));
      double highest = 0;
      for (int i = 1; i < window.size(); i++) {
        highest = Math.max(highest, cpu(window.get(i - 1), window.get(i)));
      }
      max = OptionalDouble.of(highest);
    }
    return new Summary(OptionalLong.of(peak), OptionalLong.of(last), avg, max);
  }

  private double cpu(Sample from, Sample to) {
    long wall = to.wallMs() - from.wallMs();
    return wall <= 0 ? 0 : 100.0 * (to.cpuTicks() - from.cpuTicks()) * 1000 / clockTicks / wall;
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces and ends at the last ')'; utime and
      // stime are fields 14 and 15 of the whole line, so 12th and 13th after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
