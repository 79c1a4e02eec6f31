package io.breachdrill.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A page's server-sent event stream read in the background, recording each message with the time it
 * arrived and the connection it came on. In reconnecting mode it behaves as a browser's
 * EventSource: when the connection drops or cannot be made, it tries again shortly, sending the id
 * of the last message it received as Last-Event-ID; an answer other than 200 ends it for good.
 */
final class SseClient implements AutoCloseable {

  /** One server-sent event as the page received it. */
  record Message(long id, String name, String data, Instant arrival, int connection) {}

  /** About what a browser waits before reconnecting (EventSource's default is a few seconds). */
  private static final Duration RETRY = Duration.ofMillis(300);

  private final String name;
  private final Function<Long, HttpRequest> request;
  private final Long firstLastEventId;
  private final boolean reconnect;
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Integer> refusals = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile Stream<String> body;
  private volatile boolean closed;
  private volatile boolean open;
  private volatile String ended;

  private SseClient(
      String name, Function<Long, HttpRequest> request, Long lastEventId, boolean reconnect) {
    this.name = name;
    this.request = request;
    this.firstLastEventId = lastEventId;
    this.reconnect = reconnect;
    this.reader = new Thread(this::run, "sse-" + name);
    reader.setDaemon(true);
  }

  /**
   * Opens a stream; {@code request} makes the request for a Last-Event-ID (null on a first
   * connection without one).
   */
  static SseClient open(
      String name, Function<Long, HttpRequest> request, Long lastEventId, boolean reconnect) {
    SseClient client = new SseClient(name, request, lastEventId, reconnect);
    client.reader.start();
    return client;
  }

  private void run() {
    while (!closed) {
      try {
        HttpResponse<Stream<String>> response =
            AppNode.HTTP.send(request.apply(lastId()), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
          response.body().close();
          ended = "status " + response.statusCode();
          refusals.add(response.statusCode());
          if (!reconnect) {
            return;
          }
          Thread.sleep(RETRY.toMillis());
          continue;
        }
        body = response.body();
        int connection = connections.incrementAndGet();
        open = true;
        read(response.body(), connection);
        ended = "the server ended the stream";
      } catch (IOException | UncheckedIOException e) {
        ended = e.toString();
      } catch (InterruptedException e) {
        return;
      } finally {
        open = false;
      }
      if (!reconnect || closed) {
        return;
      }
      try {
        Thread.sleep(RETRY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Long lastId() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).id() > 0) {
        return messages.get(i).id();
      }
    }
    return firstLastEventId;
  }

  private void read(Stream<String> lines, int connection) {
    long id = -1;
    String event = null;
    StringBuilder data = null;
    for (String line : (Iterable<String>) lines::iterator) {
      if (line.isEmpty()) {
        if (data != null) {
          messages.add(new Message(id, event, data.toString(), Instant.now(), connection));
        }
        id = -1;
        event = null;
        data = null;
      } else if (line.startsWith("id:")) {
        id = Long.parseLong(line.substring(3).strip());
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String value = line.substring(line.startsWith("data: ") ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
  }

  /** The first message that matches, waiting up to the timeout; fails saying what arrived. */
  Message await(String what, Predicate<Message> matches, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (Message message : messages) {
        if (matches.test(message)) {
          return message;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Stream "
                + name
                + " did not show "
                + what
                + " within "
                + timeout.toSeconds()
                + " s"
                + (ended == null ? "" : " (last end: " + ended + ")")
                + " on "
                + connections.get()
                + " connections; it got ids "
                + ids());
      }
      Thread.sleep(50);
    }
  }

  /** Waits until every one of these ids has arrived. */
  void awaitIds(String what, Collection<Long> ids, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!ids().containsAll(ids)) {
      if (Instant.now().isAfter(deadline)) {
        List<Long> missing = ids.stream().filter(id -> !ids().contains(id)).toList();
        throw new AssertionError(
            "Stream "
                + name
                + " did not show "
                + what
                + " within "
                + timeout.toSeconds()
                + " s: missing ids "
                + missing
                + (ended == null ? "" : " (last end: " + ended + ")")
                + " on "
                + connections.get()
                + " connections; it got ids "
                + ids());
      }
      Thread.sleep(50);
    }
  }

  /** Waits until a connection is open and returns its number. */
  int awaitOpen(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!open) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Stream " + name + " did not connect within " + timeout.toSeconds() + " s: " + ended);
      }
      Thread.sleep(50);
    }
    return connections.get();
  }

  List<Message> messages() {
    return List.copyOf(messages);
  }

  List<Long> ids() {
    return messages.stream().map(Message::id).toList();
  }

  /** The statuses other than 200 that connection attempts got. */
  List<Integer> refusals() {
    return List.copyOf(refusals);
  }

  int connections() {
    return connections.get();
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> current = body;
    if (current != null) {
      current.close();
    }
    reader.interrupt();
  }
}
