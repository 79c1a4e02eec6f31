package io.breachdrill.drill;

import io.breachdrill.account.TestAccounts;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A browser's EventSource on a live page. The stream never ends, so a thread reads its lines into
 * messages and the test takes what it needs, with a timeout, then closes it.
 */
final class EventStream implements AutoCloseable {

  /** One server-sent event: its id, its name and its data lines joined. */
  record Message(String id, String name, String data) {
    long seq() {
      return Long.parseLong(id);
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final HttpResponse<Stream<String>> response;
  private final Thread reader;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "test-event-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream as a participant or facilitator session, resuming after an id if given. */
  static EventStream open(String path, String session, Long lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
            .header("Accept", "text/event-stream")
            .header("Cookie", TestAccounts.SESSION_COOKIE + "=" + session);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId.toString());
    }
    try {
      HttpResponse<Stream<String>> response =
          HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
              .get(Eventually.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (response.statusCode() != 200) {
        response.body().close();
        throw new AssertionError(path + " answered " + response.statusCode());
      }
      return new EventStream(response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted opening " + path, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("could not open " + path, e);
    }
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** Messages in arrival order up to and including the first that passes; fails on a timeout. */
  List<Message> until(String what, Predicate<Message> last) {
    List<Message> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Eventually.TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Message next;
      try {
        next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      if (next == null) {
        throw new AssertionError(
            "Waited "
                + Eventually.TIMEOUT.toSeconds()
                + " s for "
                + what
                + "; got ids "
                + ids(seen));
      }
      seen.add(next);
      if (last.test(next)) {
        return seen;
      }
    }
  }

  /** Messages up to and including the one with this id. */
  List<Message> untilId(long seq) {
    return until("message " + seq, m -> String.valueOf(seq).equals(m.id()));
  }

  /** Whatever else arrives within the given time; an idle stream gives nothing. */
  List<Message> more(Duration within) {
    List<Message> seen = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    try {
      for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        Message next = messages.poll(left, TimeUnit.NANOSECONDS);
        if (next != null) {
          seen.add(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return seen;
  }

  static List<Long> ids(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }

  private void read() {
    String id = null;
    String name = null;
    StringBuilder data = null;
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data != null) {
            messages.add(new Message(id, name, data.toString()));
          }
          id = null;
          name = null;
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> name = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {}
        }
      }
    } catch (RuntimeException e) {
      // closed by the test, or by the server at shutdown
    }
  }
}
