import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page's server-sent event stream, as a browser's EventSource holds it: the body is read line
 * by line by the HTTP client's own threads (no thread per stream), each message is stamped on
 * arrival with its seq, and a dropped stream reconnects with Last-Event-ID after a second. Every
 * drop counts as an error.
 */
final class LiveClient {

  enum Kind {
    PARTICIPANT,
    CONSOLE
  }

  /** What to do with each message as it arrives; runs on the HTTP client's threads. */
  interface Listener {
    void onMessage(LiveClient client, long seq, String data);
  }

  private static final int MAX_FAILED_CONNECTS = 5;

  final int index;
  final Kind kind;
  final int node;
  final int drill;
  final long teamId;

  /** The participant's display name in the drill; for consoles, a label. */
  final String name;

  /** Who this is in the report: the name and the drill. */
  final String label;

  final Session session;
  final String path;
  final long after;
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  final AtomicInteger drops = new AtomicInteger();
  final AtomicInteger failedConnects = new AtomicInteger();

  private final Listener listener;
  private final ScheduledExecutorService timer;
  private volatile boolean closing;
  private volatile Flow.Subscription subscription;
  private volatile long lastSeq;
  private volatile String lastProblem = "";

  private long[] seqs = new long[64];
  private long[] wallMicros = new long[64];
  private long[] nanos = new long[64];
  private int count;

  LiveClient(
      int index,
      Kind kind,
      int node,
      int drill,
      long teamId,
      String name,
      Session session,
      String path,
      Listener listener,
      ScheduledExecutorService timer) {
    this.index = index;
    this.kind = kind;
    this.node = node;
    this.drill = drill;
    this.teamId = teamId;
    this.name = name;
    this.label = name + (kind == Kind.PARTICIPANT ? " (drill " + (drill + 1) + ")" : "");
    this.session = session;
    this.path = path;
    this.listener = listener;
    this.timer = timer;
    int at = path.indexOf("after=");
    this.after = at < 0 ? 0 : Long.parseLong(path.substring(at + 6).replaceAll("\\D.*", ""));
    this.lastSeq = after;
  }

  void open() {
    connect(null);
  }

  void close() {
    closing = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }

  long lastSeq() {
    return lastSeq;
  }

  String lastProblem() {
    return lastProblem;
  }

  /** Arrivals so far: seq, wall time in microseconds and System.nanoTime of each message. */
  synchronized Arrivals arrivals() {
    return new Arrivals(
        Arrays.copyOf(seqs, count), Arrays.copyOf(wallMicros, count), Arrays.copyOf(nanos, count));
  }

  record Arrivals(long[] seqs, long[] wallMicros, long[] nanos) {}

  synchronized int received() {
    return count;
  }

  private void connect(String lastEventId) {
    HttpRequest.Builder request =
        session.request(path).header("Accept", "text/event-stream").timeout(Session.TIMEOUT);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    session
        .http
        .sendAsync(
            request.build(),
            info -> {
              if (info.statusCode() != 200) {
                lastProblem = "stream answered " + info.statusCode();
                return HttpResponse.BodySubscribers.replacing(null);
              }
              failedConnects.set(0);
              connected.complete(null);
              return HttpResponse.BodySubscribers.fromLineSubscriber(
                  new Lines(), lines -> null, StandardCharsets.UTF_8, null);
            })
        .whenComplete((response, failure) -> ended(failure));
  }

  private void ended(Throwable failure) {
    if (closing) {
      return;
    }
    if (failure != null) {
      lastProblem = failure.toString();
    }
    if (connected.isDone()) {
      drops.incrementAndGet();
    }
    if (failedConnects.incrementAndGet() > MAX_FAILED_CONNECTS) {
      connected.completeExceptionally(
          new IllegalStateException(label + ": the stream never opened: " + lastProblem));
      return;
    }
    long last = lastSeq;
    timer.schedule(() -> connect(Long.toString(last)), 1, TimeUnit.SECONDS);
  }

  private synchronized void record(long seq, long wall, long nano) {
    if (count == seqs.length) {
      seqs = Arrays.copyOf(seqs, count * 2);
      wallMicros = Arrays.copyOf(wallMicros, count * 2);
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    seqs[count] = seq;
    wallMicros[count] = wall;
    nanos[count] = nano;
    count++;
  }

  /** The event-stream format: fields until a blank line, then one message. */
  private final class Lines implements Flow.Subscriber<String> {
    private final StringBuilder data = new StringBuilder();
    private String id;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (closing) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        dispatch();
        return;
      }
      if (line.startsWith(":")) {
        return;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("data")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(value);
      } else if (field.equals("id")) {
        id = value;
      }
    }

    private void dispatch() {
      if (id == null && data.length() == 0) {
        return;
      }
      long nano = System.nanoTime();
      Instant now = Instant.now();
      long seq = -1;
      try {
        seq = Long.parseLong(id == null ? "" : id.strip());
      } catch (NumberFormatException e) {
        lastProblem = "a message without a numeric id: " + id;
      }
      record(seq, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, nano);
      if (seq > lastSeq) {
        lastSeq = seq;
      }
      String text = data.toString();
      data.setLength(0);
      id = null;
      listener.onMessage(LiveClient.this, seq, text);
    }

    @Override
    public void onError(Throwable throwable) {
      lastProblem = throwable.toString();
    }

    @Override
    public void onComplete() {}
  }
}
