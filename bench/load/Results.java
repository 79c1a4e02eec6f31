import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every measurement and every error of a run, gathered from many threads. */
final class Results {

  /** One measurement; the CSV has one row of each. Unset numbers are -1. */
  record Row(
      String kind,
      int node,
      int drill,
      long teamId,
      int client,
      long seq,
      long atWallMs,
      double valueMs,
      int status) {}

  static final String INJECT = "inject";
  static final String DECISION = "decision";
  static final String TIMEOUT = "timeout";
  static final String CONSOLE_INJECT = "console_inject";
  static final String DECISION_POST = "decision_post";
  static final String PARTICIPANT_PAGE = "participant_page";
  static final String FACILITATOR_PAGE = "facilitator_page";

  private final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  void page(
      String kind,
      PageLoad.Target target,
      long dueWallMs,
      double latencyMs,
      int status,
      Throwable failure) {
    add(
        new Row(
            kind,
            target.node(),
            target.drill(),
            target.teamId(),
            target.client(),
            -1,
            dueWallMs,
            latencyMs,
            status));
    if (status != 200) {
      error(
          "http: " + kind + (status < 0 ? " failed" : " answered " + status),
          target.path() + (failure == null ? "" : ": " + failure));
    }
  }

  /** An error of some kind, with the first few examples kept for the report. */
  synchronized void error(String kind, String example) {
    errors.merge(kind, 1L, Long::sum);
    if (examples.size() < 30) {
      examples.add(kind + ": " + example);
    }
  }

  synchronized void errors(String kind, long count, String example) {
    if (count > 0) {
      errors.merge(kind, count, Long::sum);
      if (examples.size() < 30) {
        examples.add(kind + ": " + example);
      }
    }
  }

  List<Row> rows() {
    return new ArrayList<>(rows);
  }

  List<Double> values(String kind) {
    return values(kind, -1);
  }

  /** The sorted values of a kind, of one node (numbered from 0) or of all (-1). */
  List<Double> values(String kind, int node) {
    List<Double> values = new ArrayList<>();
    for (Row row : rows) {
      if (row.kind().equals(kind) && (node < 0 || row.node() == node)) {
        values.add(row.valueMs());
      }
    }
    values.sort(null);
    return values;
  }

  synchronized Map<String, Long> errors() {
    return new TreeMap<>(errors);
  }

  synchronized List<String> examples() {
    return List.copyOf(examples);
  }

  synchronized long errorTotal() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
