import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording's execution samples: by own time (top frame) and including
 * callees, in percent of all samples. {@code JfrTop FILE.jfr [ROWS=25] [THREAD]}: only samples of
 * threads whose name contains THREAD (for example "main") when given.
 */
public final class JfrTop {

  public static void main(String[] args) throws Exception {
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String thread = args.length > 2 ? args[2] : null;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      if (thread != null
          && (event.getThread("sampledThread") == null
              || !String.valueOf(event.getThread("sampledThread").getJavaName())
                  .contains(thread))) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        if (seen.add(name(frame))) {
          total.merge(name(frame), 1, Integer::sum);
        }
      }
    }
    System.out.println(
        samples + " samples" + (thread == null ? "" : " of threads '" + thread + "'"));
    print("self", self, samples, rows);
    print("total (with callees)", total, samples, rows);
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
    System.out.println("-- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(rows)
        .forEach(
            e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
  }
}
